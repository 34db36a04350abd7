package dev.helpdesk.escalations;

import dev.helpdesk.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** V5 moves a database written by the service's own outbox and dead letters onto the pipeline's tables, losing nothing. */
class PipelineMigrationTest {

    private static final String TOPIC = "helpdesk.escalations.v1.migrated";

    @Test
    void rowsOfTheOldShapeAreKeptAndTicketStreamsContinueWhereTheirCountersStood() {
        Map<String, Object> properties = TestInfrastructure.freshProperties("escalations_migration");
        DataSource dataSource = new DriverManagerDataSource(String.valueOf(properties.get("spring.datasource.url")),
                String.valueOf(properties.getOrDefault("spring.datasource.username", "")),
                String.valueOf(properties.getOrDefault("spring.datasource.password", "")));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "4").migrate();
        jdbc.update("INSERT INTO ticket (ticket_id, organization_id, event_sequence) VALUES ('t-1', 'o-1', 2), ('t-2', 'o-1', 0)");
        jdbc.update("""
                INSERT INTO outbox (id, event_id, record_key, payload, published_at)
                VALUES (nextval('outbox_id_seq'), 'e-1', 't-1', '{"type":"helpdesk.escalation.raised.v1","sequence":0}', now()),
                       (nextval('outbox_id_seq'), 'e-2', 't-1', '{"type":"helpdesk.escalation.closed.v1","sequence":1}', null)""");
        jdbc.update("""
                INSERT INTO dead_letter (topic, partition_no, record_offset, record_value, reason)
                VALUES ('helpdesk.tickets.v1', 0, 7, 'not json', 'first'), ('helpdesk.tickets.v1', 0, 7, 'not json', 'again'),
                       ('helpdesk.sla.v1', 1, 7, '{}', 'other')""");

        flyway(dataSource, "latest").migrate();

        assertThat(jdbc.queryForList("SELECT event_id || ' ' || topic || ' ' || event_type || ' ' || (published_at IS NULL) "
                + "FROM outbox ORDER BY id", String.class)).containsExactly(
                "e-1 " + TOPIC + " helpdesk.escalation.raised.v1 false",
                "e-2 " + TOPIC + " helpdesk.escalation.closed.v1 true");
        assertThat(jdbc.queryForList("SELECT stream_key || '=' || next_sequence FROM outbox_stream", String.class))
                .containsExactly("t-1=2");
        jdbc.update("INSERT INTO outbox (event_id, topic, record_key, event_type, payload) VALUES ('e-3', 't', 't-1', 'x', '{}')");
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT id) FROM outbox", Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT reason || ' ' || attempts FROM dead_letter ORDER BY id", String.class))
                .containsExactly("first 1", "other 1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'ticket' AND column_name = 'event_sequence'", Integer.class)).isZero();
    }

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).target(target)
                .placeholders(Map.of("escalations_topic", TOPIC)).load();
    }
}
