package dev.helpdesk.escalations.outbox;

import dev.helpdesk.events.escalation.EscalationAcknowledgedEvent;
import dev.helpdesk.events.escalation.EscalationClosedEvent;
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.testsupport.ServiceJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service writes to its outbox has the shape of escalation-events' golden JSON, type by type. */
class PublishedEscalationsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:00.123Z");

    private final OutboxWriter outbox = new OutboxWriter(new JdbcTemplate(), ServiceJson.objectMapper(),
            "/escalation-service", () -> { });

    @Test
    void everyEscalationEventIsWrittenInTheShapeOfItsGoldenJson() {
        List<Object> events = List.of(
                new EscalationRaisedEvent("e-1", "t-1", "o-1", 2, "Head of support", "CUSTOMER_REQUEST", NOW,
                        NOW.plusSeconds(7200), "Walter Skinner"),
                new EscalationAcknowledgedEvent("e-1", "t-1", "o-1", 1, "manager-7", "On it", NOW),
                new EscalationClosedEvent("e-1", "t-1", "o-1", 1, "SUPERSEDED", NOW));
        assertThat(events).extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(EscalationEventTypes.all().values());

        for (Object event : events) {
            String type = EscalationEventTypes.typeOf(event.getClass()).orElseThrow();
            // What EscalationService hands the outbox (see its event(...)), serialised as the outbox does.
            String payload = outbox.payload(new OutboxEvent(EscalationEventTypes.TOPIC, "t-1", "Escalation", type, NOW,
                    "system", "c-1", event), "00000000-0000-0000-0000-000000000001", 7, "c-1");
            GoldenEvents.assertSameShape(type, GoldenEvents.tree(payload), GoldenEvents.envelope(type));
        }
    }
}
