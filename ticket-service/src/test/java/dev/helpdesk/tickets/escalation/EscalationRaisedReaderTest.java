package dev.helpdesk.tickets.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.testsupport.ServiceJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The ticket reads escalation-events' golden {@code helpdesk.escalation.raised.v1} as the escalation service writes it. */
class EscalationRaisedReaderTest {

    private final EscalationRaisedReader reader = new EscalationRaisedReader(ServiceJson.objectMapper());
    private final JsonNode golden = GoldenEvents.data(EscalationEventTypes.RAISED);

    @Test
    void readsTheGoldenRaisedEventWithoutLosingAField() {
        EscalationRaisedEvent raised = reader.read(golden);

        assertThat(raised.ticketId()).isEqualTo(golden.get("ticketId").asText());
        assertThat(raised.level()).isEqualTo(golden.get("level").asInt());
        assertThat(GoldenEvents.written(raised)).isEqualTo(golden);
    }

    @Test
    void ignoresFieldsAddedLaterWithinTheSameVersion() {
        ObjectNode withMore = golden.deepCopy();
        withMore.put("assignee", "manager-7");

        assertThat(reader.read(withMore).escalationId()).isEqualTo(golden.get("escalationId").asText());
    }

    @Test
    void refusesALevelOutsideTheLadder() {
        ObjectNode levelFour = golden.deepCopy();
        levelFour.put("level", 4);

        assertThatIllegalArgumentException().isThrownBy(() -> reader.read(levelFour)).withMessageContaining("level");
    }

    @Test
    void refusesARaisedAtThatIsNoInstant() {
        ObjectNode badTime = golden.deepCopy();
        badTime.put("raisedAt", "yesterday");

        assertThatIllegalArgumentException().isThrownBy(() -> reader.read(badTime));
    }
}
