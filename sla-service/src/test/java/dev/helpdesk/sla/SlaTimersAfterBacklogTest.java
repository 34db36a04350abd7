package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.sla.SlaEventTypes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A backlog of ticket events while a deadline passes (the service's consumer stopped, as in a restart, a deploy or a
 * broker outage) holding a reply given before that deadline: the clock is met, never breached. Before the consumer's
 * watermark (ConsumedWatermark) the timer fired at the deadline while the reply waited unread, and the clock was
 * breached for good.
 */
class SlaTimersAfterBacklogTest extends SlaServiceTestBase {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aReplyWaitingInABacklogWhileTheDeadlinePassesMeetsTheClock() throws Exception {
        // dedicated S1: first response within 1 hour, due 6 seconds from now
        Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1)).plusSeconds(6);
        String ticketId = openDedicated(TicketType.INCIDENT, Severity.S1, opened);
        Instant due = instant(awaitClock(ticketId, "FIRST_RESPONSE", started()), "dueAt");
        assertThat(due).isEqualTo(opened.plus(Duration.ofHours(1)));
        listeners.stop();
        try {
            Instant replied = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, replied);
            assertThat(replied).isBefore(due);
            // the deadline passes while the reply waits on the topic, and the timer poller looks meanwhile
            await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(due.plusSeconds(2)));
            assertThat(outboxCount(ticketId, SlaEventTypes.BREACHED)).isZero();
        } finally {
            listeners.start();
        }
        var clock = awaitClock(ticketId, "FIRST_RESPONSE", state("MET"));
        assertThat(clock.get("breachedAt").isNull()).isTrue();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> outboxCount(ticketId, SlaEventTypes.BREACHED) == 0);
        assertThat(outboxCount(ticketId, SlaEventTypes.MET)).isEqualTo(1);
    }
}
