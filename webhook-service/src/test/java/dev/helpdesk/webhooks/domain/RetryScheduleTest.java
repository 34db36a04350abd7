package dev.helpdesk.webhooks.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

    /** The defaults of application.yml. */
    private final RetrySchedule defaults = new RetrySchedule(Duration.ofSeconds(5), 4, Duration.ofDays(1), 9);

    @Test
    void theDefaultScheduleGrowsFromFiveSecondsToAboutADayOverNineAttempts() {
        assertThat(defaults.delays()).containsExactly(
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(80), Duration.ofSeconds(320),
                Duration.ofSeconds(1280), Duration.ofSeconds(5120), Duration.ofSeconds(20480), Duration.ofSeconds(81920));
        assertThat(defaults.span()).isBetween(Duration.ofHours(30), Duration.ofHours(31));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(defaults.delayAfter(8)).contains(Duration.ofSeconds(81920));
        assertThat(defaults.delayAfter(9)).isEmpty();
        assertThat(defaults.delayAfter(10)).isEmpty();
    }

    @Test
    void noPauseIsLongerThanTheLongestDelay() {
        RetrySchedule capped = new RetrySchedule(Duration.ofMinutes(1), 10, Duration.ofHours(1), 6);

        assertThat(capped.delays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofHours(1), Duration.ofHours(1));
    }

    @Test
    void aSingleAttemptIsNeverRetried() {
        assertThat(new RetrySchedule(Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 1).delayAfter(1)).isEmpty();
    }

    @Test
    void refusesSchedulesThatMakeNoSense() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, 2, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(10), 2, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
