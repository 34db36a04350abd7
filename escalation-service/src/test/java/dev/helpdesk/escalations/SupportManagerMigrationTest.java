package dev.helpdesk.escalations;

import dev.helpdesk.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** V10 puts each organisation registered before it on the support manager time line with its stored manager. */
class SupportManagerMigrationTest {

    @Test
    void organisationsRegisteredBeforeKeepTheirSupportManagerFromTheBeginning() {
        Map<String, Object> properties = TestInfrastructure.freshProperties("escalations_support_manager_migration");
        DataSource dataSource = new DriverManagerDataSource(String.valueOf(properties.get("spring.datasource.url")),
                String.valueOf(properties.getOrDefault("spring.datasource.username", "")),
                String.valueOf(properties.getOrDefault("spring.datasource.password", "")));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "9").migrate();
        jdbc.update("""
                INSERT INTO organization (organization_id, plan, calendar, time_zone, support_manager) VALUES
                    ('named', 'DEDICATED', 'TWENTY_FOUR_SEVEN', 'UTC', ' Dana Scully '),
                    ('blank', 'DEDICATED', 'TWENTY_FOUR_SEVEN', 'UTC', '  '),
                    ('none', 'STANDARD', 'BUSINESS_HOURS', 'UTC', null)""");

        flyway(dataSource, "latest").migrate();

        assertThat(jdbc.queryForList("""
                SELECT organization_id || '=' || coalesce(support_manager, '-') || '@' || effective_from
                FROM organization_support_manager ORDER BY organization_id""", String.class))
                .containsExactly("blank=-@-infinity", "named=Dana Scully@-infinity", "none=-@-infinity");
    }

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).target(target)
                .placeholders(Map.of("escalations_topic", "helpdesk.escalations.v1.support-manager-migration")).load();
    }
}
