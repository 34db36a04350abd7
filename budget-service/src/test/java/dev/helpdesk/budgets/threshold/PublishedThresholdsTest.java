package dev.helpdesk.budgets.threshold;

import dev.helpdesk.events.budget.BudgetEventTypes;
import dev.helpdesk.events.budget.BudgetThresholdCrossedEvent;
import dev.helpdesk.events.golden.GoldenEvents;
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
        RecordingJdbc jdbc = new RecordingJdbc();
        Instant at = Instant.parse("2026-11-23T10:15:00.042Z");
        BudgetThresholdCrossedEvent crossed = new BudgetThresholdCrossedEvent("o-1", LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), 80, new BigDecimal("4000.00"), new BigDecimal("3250.50"), "EUR", at);

        new Outbox(jdbc, ServiceJson.objectMapper()).append("o-1", BudgetEventTypes.THRESHOLD_CROSSED, crossed, at, "c-1");

        assertThat(BudgetEventTypes.all()).containsOnlyKeys(BudgetEventTypes.THRESHOLD_CROSSED);
        GoldenEvents.assertSameShape(BudgetEventTypes.THRESHOLD_CROSSED, GoldenEvents.tree(jdbc.payload),
                GoldenEvents.envelope(BudgetEventTypes.THRESHOLD_CROSSED));
    }

    /** Answers the outbox's sequence query with 0 and keeps the payload of its insert instead of running it. */
    private static final class RecordingJdbc extends JdbcTemplate {
        private String payload;

        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
            return requiredType.cast(0L);
        }

        @Override
        public int update(String sql, Object... args) {
            payload = (String) args[3];
            return 1;
        }
    }
}
