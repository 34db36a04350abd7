package dev.helpdesk.budgets.replay;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress document's API.md fields, from what a rebuild records (positions against the offsets it catches up to). */
class ReplayViewTest {

    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aRunningRebuildReportsWhatIsLeftAcrossPartitionsAndWhenItWillBeDone() {
        ReplayView view = ReplayView.of(UUID.randomUUID(), "budgets", "RUNNING", "admin", START, START.plusSeconds(4),
                null, 4_000, Map.of("0", 1_500L, "1", 2_500L, "2", 0L), Map.of("0", 3_000L, "1", 2_500L, "2", 1_000L),
                new BigDecimal("1000.0"), null, null);
        assertThat(view.done()).isEqualTo(4_000);
        assertThat(view.total()).isEqualTo(6_500); // 1,500 + 0 + 1,000 left
        assertThat(view.percent()).isEqualTo(61);
        assertThat(view.rate()).isEqualByComparingTo("1000.0");
        assertThat(view.eta()).isEqualTo("PT2.5S");
    }

    @Test
    void aFinishedRebuildIsWholeAndHasNoEta() {
        ReplayView done = ReplayView.of(UUID.randomUUID(), "budgets", "COMPLETED", "admin", START, START, START,
                6_500, Map.of("0", 3_000L), Map.of("0", 3_000L), new BigDecimal("900.0"), Map.of(), null);
        assertThat(done.total()).isEqualTo(6_500);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.eta()).isNull();
        ReplayView failed = ReplayView.of(UUID.randomUUID(), "budgets", "FAILED", "admin", START, START, START,
                10, Map.of("0", 10L), Map.of("0", 30L), BigDecimal.ZERO, null, "broker gone");
        assertThat(failed.total()).isEqualTo(30);
        assertThat(failed.percent()).isEqualTo(33);
        assertThat(failed.eta()).isNull();
    }
}
