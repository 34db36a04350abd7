package dev.helpdesk.escalations;

import dev.helpdesk.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V8 gives each level raised before it the acknowledgement time of its plan's ladder (the ticket's plan, else its
 * organisation's, else STANDARD), so that a calendar change can recompute its deadline; it names no one.
 */
class CalendarMigrationTest {

    @Test
    void levelsRaisedBeforeKeepTheirPlansAcknowledgementTime() {
        Map<String, Object> properties = TestInfrastructure.freshProperties("escalations_calendar_migration");
        DataSource dataSource = new DriverManagerDataSource(String.valueOf(properties.get("spring.datasource.url")),
                String.valueOf(properties.getOrDefault("spring.datasource.username", "")),
                String.valueOf(properties.getOrDefault("spring.datasource.password", "")));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "7").migrate();
        jdbc.update("UPDATE ladder_level SET acknowledge_within = 'PT3H' WHERE plan = 'EXTENDED' AND level = 2");
        jdbc.update("UPDATE ladder_level SET acknowledge_within = 'PT30M' WHERE plan = 'DEDICATED' AND level = 2");
        jdbc.update("INSERT INTO organization (organization_id, plan, calendar, time_zone) VALUES ('o-1', 'DEDICATED', 'TWENTY_FOUR_SEVEN', 'UTC')");
        jdbc.update("""
                INSERT INTO ticket (ticket_id, organization_id, plan) VALUES
                    ('own-plan', 'o-1', 'EXTENDED'), ('organization-plan', 'o-1', null), ('unknown', 'o-2', null)""");
        for (String ticket : new String[]{"own-plan", "organization-plan", "unknown"}) {
            jdbc.update("""
                    INSERT INTO escalation (id, ticket_id, organization_id, level, level_name, informs_relationship_manager,
                        trigger, state, raised_at, acknowledge_by)
                    VALUES (gen_random_uuid(), ?, 'o-1', 2, 'Head of support', true, 'CUSTOMER_REQUEST', 'OPEN', now(),
                        now() + interval '2 hours')""", ticket);
        }

        flyway(dataSource, "latest").migrate();

        assertThat(jdbc.queryForList("SELECT ticket_id || '=' || acknowledge_within FROM escalation ORDER BY ticket_id",
                String.class)).containsExactly("organization-plan=PT30M", "own-plan=PT3H", "unknown=PT2H");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM escalation WHERE relationship_manager IS NOT NULL",
                Integer.class)).isZero();
    }

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).target(target)
                .placeholders(Map.of("escalations_topic", "helpdesk.escalations.v1.calendar-migration")).load();
    }
}
