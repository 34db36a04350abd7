package dev.helpdesk.budgets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.budgets.threshold.ThresholdWatcher;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** V4 turns the budget's own outbox and dead-letter tables into the pipeline's, keeping every row and sequence. */
class PipelineTablesMigrationTest {

    private static final String TOPIC = "helpdesk.budgets.v1";

    @Test
    void keepsOutboxRowsAndDeadLettersAndContinuesEachOrganisationsSequence() {
        TestPostgres postgres = TestPostgres.get();
        DriverManagerDataSource database = new DriverManagerDataSource(postgres.createDatabase("budgets_migration"),
                postgres.username(), postgres.password());
        JdbcTemplate jdbc = new JdbcTemplate(database);
        flyway(database, "3").migrate();
        jdbc.update("insert into outbox (event_id, record_key, event_type, payload, published_at) values "
                + "('e-1', 'org-1', 'helpdesk.budget.threshold-crossed.v1', '{\"id\":\"e-1\",\"sequence\":0}', now()), "
                + "('e-2', 'org-1', 'helpdesk.budget.threshold-crossed.v1', '{\"id\":\"e-2\",\"sequence\":1}', null), "
                + "('e-3', 'org-2', 'helpdesk.budget.threshold-crossed.v1', '{\"id\":\"e-3\",\"sequence\":0}', null)");
        jdbc.update("insert into dead_letter (topic, partition, record_offset, record_key, record_value, reason) values "
                + "('helpdesk.tickets.v1', 2, 17, 'T-1', 'not json', 'not JSON'), "
                + "('helpdesk.tickets.v1', 1, 5, 'T-2', '{\"id\":\"x1\",\"type\":\"helpdesk.ticket.time-entry-logged.v1\"}', "
                + "'data missing')");

        flyway(database, "latest").migrate();

        assertThat(jdbc.queryForList("select event_id, topic, published_at is not null as published from outbox order by id"))
                .containsExactly(Map.of("event_id", "e-1", "topic", TOPIC, "published", true),
                        Map.of("event_id", "e-2", "topic", TOPIC, "published", false),
                        Map.of("event_id", "e-3", "topic", TOPIC, "published", false));
        assertThat(jdbc.queryForList("select partition_no, record_offset, event_id, event_type, reason, attempts "
                + "from dead_letter order by record_offset")).containsExactly(
                row("partition_no", 1, "record_offset", 5L, "event_id", "x1",
                        "event_type", "helpdesk.ticket.time-entry-logged.v1", "reason", "data missing", "attempts", 1),
                row("partition_no", 2, "record_offset", 17L, "event_id", null, "event_type", null,
                        "reason", "not JSON", "attempts", 1));
        assertThat(sequencesWritten(database, List.of("org-1", "org-2", "org-3"))).containsExactly(2L, 1L, 0L);
    }

    /** Appends one event per organisation with the pipeline's writer and answers the sequences it gave them. */
    private static List<Long> sequencesWritten(DriverManagerDataSource database, List<String> organizations) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        OutboxWriter writer = new OutboxWriter(jdbc, json, "/budget-service", () -> { });
        new TransactionTemplate(new DataSourceTransactionManager(database)).executeWithoutResult(status ->
                writer.appendAll(organizations.stream().map(organization -> new OutboxEvent(TOPIC, organization,
                        ThresholdWatcher.AGGREGATE_TYPE, "helpdesk.budget.threshold-crossed.v1", Instant.now(), "system",
                        null, Map.of("organizationId", organization))).toList()));
        return organizations.stream().map(organization -> jdbc.queryForObject(
                "select (payload::jsonb ->> 'sequence')::bigint from outbox where record_key = ? order by id desc limit 1",
                Long.class, organization)).toList();
    }

    private static Flyway flyway(DriverManagerDataSource database, String target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target)
                .placeholders(Map.of("budgetsTopic", TOPIC)).load();
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
