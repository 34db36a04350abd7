package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.testsupport.TestPostgres;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** V5 brings the outbox and dead letters of a running service to the pipeline's shape without losing a row. */
class PipelineMigrationTest {

    @Test
    void rowsOfTheOldShapeSurviveAndStreamsGoOnAfterTheirLastSequence() {
        TestPostgres postgres = TestPostgres.get();
        String url = postgres.createDatabase("sla_migration");
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, postgres.username(),
                postgres.password(), true);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "4").migrate();
        jdbc.update("INSERT INTO outbox (event_id, record_key, type, payload, published_at) VALUES "
                + "('e1', 't-1', 'helpdesk.sla.clock-started.v1', '{\"sequence\":0}', now()), "
                + "('e2', 't-1', 'helpdesk.sla.clock-started.v1', '{\"sequence\":1}', now()), "
                + "('e3', 't-1', 'helpdesk.sla.breached.v1', '{\"sequence\":2}', null), "
                + "('e4', 't-2', 'helpdesk.sla.clock-started.v1', '{\"sequence\":0}', null)");
        jdbc.update("INSERT INTO dead_letter (topic, partition_no, record_offset, record_key, record_value, reason) VALUES "
                + "('helpdesk.tickets.v1', 0, 7, 'k', 'not json', 'unreadable: first'), "
                + "('helpdesk.tickets.v1', 0, 7, 'k', 'not json', 'unreadable: again'), "
                + "('helpdesk.tickets.v1', 1, 3, 'k', '{\"id\":\"ev-3\",\"type\":\"helpdesk.ticket.opened.v1\"}', 'not applicable')");

        flyway(dataSource, "latest").migrate();

        assertThat(jdbc.queryForList("SELECT event_id || ' ' || topic || ' ' || event_type FROM outbox ORDER BY id",
                String.class)).containsExactly("e1 helpdesk.sla.v1 helpdesk.sla.clock-started.v1",
                "e2 helpdesk.sla.v1 helpdesk.sla.clock-started.v1", "e3 helpdesk.sla.v1 helpdesk.sla.breached.v1",
                "e4 helpdesk.sla.v1 helpdesk.sla.clock-started.v1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForMap("SELECT json_object_agg(stream_key, next_sequence)::text AS s FROM outbox_stream")
                .get("s").toString()).contains("\"t-1\" : 3").contains("\"t-2\" : 1");
        assertThat(jdbc.queryForList("SELECT reason FROM dead_letter WHERE record_offset = 7", String.class))
                .containsExactly("unreadable: first");
        Map<String, Object> json = jdbc.queryForMap("SELECT * FROM dead_letter WHERE record_offset = 3");
        assertThat(json.get("event_id")).isEqualTo("ev-3");
        assertThat(json.get("event_type")).isEqualTo("helpdesk.ticket.opened.v1");
        assertThat(json.get("attempts")).isEqualTo(1);
        dataSource.destroy();
    }

    private static Flyway flyway(SingleConnectionDataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target)
                .placeholders(Map.of("sla_topic", "helpdesk.sla.v1")).load();
    }
}
