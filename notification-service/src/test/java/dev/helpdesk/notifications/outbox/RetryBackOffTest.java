package dev.helpdesk.notifications.outbox;

import dev.helpdesk.notifications.config.NotificationProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The pause before a mail's next try: the first retry pause, doubling, never more than the longest; never given up. */
class RetryBackOffTest {

    private final MailDelivery delivery = new MailDelivery(null, null, null, new NotificationProperties(null, null, null,
            null, new NotificationProperties.Sender(null, 0, Duration.ofSeconds(5), Duration.ofMinutes(10), null, null), null),
            Clock.systemUTC(), new SimpleMeterRegistry());

    @Test
    void doublesFromTheFirstRetryUpToTheLongestPause() {
        assertThat(delivery.backOff(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(delivery.backOff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(delivery.backOff(6)).isEqualTo(Duration.ofSeconds(320));
        assertThat(delivery.backOff(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(delivery.backOff(10_000)).isEqualTo(Duration.ofMinutes(10));
    }
}
