package dev.helpdesk.sla.ticket;

import dev.helpdesk.events.Severity;
import dev.helpdesk.sla.clock.ClockState;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock's columns both {@code clock} and {@code clock_segment} store, row by row and in the tables' order. */
class ClockColumnsTest {

    private static final Instant STARTED = Instant.parse("2026-10-23T13:00:00Z");

    @Test
    void eachClockFillsItsRowInstantsAsTextAndDurationsInMilliseconds() {
        SlaClock running = new SlaClock("t-1", Metric.FIRST_RESPONSE, Severity.S1, ClockState.RUNNING,
                Duration.ofHours(1), STARTED, STARTED.plusSeconds(3_600), null, Duration.ofMillis(1_500), null, null,
                List.of(75), new TreeSet<>());
        SlaClock notApplicable = new SlaClock("t-2", Metric.RESOLUTION, Severity.S4, ClockState.NOT_APPLICABLE,
                null, null, null, null, null, null, null, List.of(), new TreeSet<>());

        ClockColumns columns = new ClockColumns(2);
        columns.set(0, running);
        columns.set(1, notApplicable);

        assertThat(columns.ticketIds).containsExactly("t-1", "t-2");
        assertThat(columns.metrics).containsExactly("FIRST_RESPONSE", "RESOLUTION");
        assertThat(columns.severities).containsExactly("S1", "S4");
        assertThat(columns.states).containsExactly("RUNNING", "NOT_APPLICABLE");
        List<Object> times = columns.targetToBreached();
        assertThat(times).hasSize(7);
        assertThat((Long[]) times.get(0)).as("target_ms").containsExactly(3_600_000L, null);
        assertThat((String[]) times.get(1)).as("started_at").containsExactly("2026-10-23T13:00:00Z", null);
        assertThat((String[]) times.get(2)).as("due_at").containsExactly("2026-10-23T14:00:00Z", null);
        assertThat((String[]) times.get(3)).as("paused_at").containsExactly(null, null);
        assertThat((Long[]) times.get(4)).as("paused_for_ms").containsExactly(1_500L, 0L);
        assertThat((String[]) times.get(5)).as("met_at").containsExactly(null, null);
        assertThat((String[]) times.get(6)).as("breached_at").containsExactly(null, null);
    }

    @Test
    void noClocksNoRows() {
        ClockColumns columns = new ClockColumns(0);

        assertThat(columns.ticketIds).isEmpty();
        assertThat(columns.targetToBreached()).allSatisfy(column -> assertThat((Object[]) column).isEmpty());
    }
}
