package dev.helpdesk.budgets.threshold;

import dev.helpdesk.events.budget.BudgetEventTypes;
import dev.helpdesk.events.budget.BudgetThresholdCrossedEvent;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.testsupport.ServiceJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service writes to its outbox has the shape of budget-events' golden JSON. */
class PublishedThresholdsTest {

    @Test
    void aCrossedThresholdIsWrittenInTheShapeOfItsGoldenJson() {
        Instant at = Instant.parse("2026-11-23T10:15:00.042Z");
        BudgetThresholdCrossedEvent crossed = new BudgetThresholdCrossedEvent("o-1", LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), 80, new BigDecimal("4000.00"), new BigDecimal("3250.50"), "EUR", at);

        OutboxWriter outbox = new OutboxWriter(new JdbcTemplate(), ServiceJson.objectMapper(), "/budget-service", () -> { });
        // What ThresholdWatcher hands the outbox, serialised as the outbox does.
        String payload = outbox.payload(new OutboxEvent(BudgetEventTypes.TOPIC, "o-1", ThresholdWatcher.AGGREGATE_TYPE,
                BudgetEventTypes.THRESHOLD_CROSSED, at, "system", "c-1", crossed), "00000000-0000-0000-0000-000000000001",
                0, "c-1");

        assertThat(BudgetEventTypes.all()).containsOnlyKeys(BudgetEventTypes.THRESHOLD_CROSSED);
        GoldenEvents.assertSameShape(BudgetEventTypes.THRESHOLD_CROSSED, GoldenEvents.tree(payload),
                GoldenEvents.envelope(BudgetEventTypes.THRESHOLD_CROSSED));
    }
}
