package dev.helpdesk.events.escalation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.events.golden.GoldenEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The relationship manager is a trailing optional field: events published before it existed still read. */
class EscalationRaisedEventTest {

    @Test
    void readsTheGoldenEventNamingTheRelationshipManager() throws Exception {
        EscalationRaisedEvent raised = GoldenEvents.STRICT.treeToValue(
                GoldenEvents.data(EscalationEventTypes.RAISED), EscalationRaisedEvent.class);

        assertThat(raised.level()).isEqualTo(2);
        assertThat(raised.relationshipManager()).isEqualTo("Walter Skinner");
    }

    @Test
    void readsAnEventStoredBeforeTheRelationshipManagerWasNamed() throws Exception {
        ObjectNode old = (ObjectNode) GoldenEvents.data(EscalationEventTypes.RAISED).deepCopy();
        old.remove("relationshipManager");

        EscalationRaisedEvent raised = GoldenEvents.STRICT.treeToValue(old, EscalationRaisedEvent.class);

        assertThat(raised.relationshipManager()).isNull();
        assertThat(raised.escalationId()).isEqualTo(old.get("escalationId").asText());
        assertThat(raised.acknowledgeBy()).isEqualTo(Instant.parse("2026-11-23T12:15:00.123Z"));
    }

    @Test
    void theFormerConstructorNamesNoOne() {
        EscalationRaisedEvent raised = new EscalationRaisedEvent("e", "t", "o", 1, "Support services manager",
                "SLA_BREACH", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600));

        assertThat(raised.relationshipManager()).isNull();
    }
}
