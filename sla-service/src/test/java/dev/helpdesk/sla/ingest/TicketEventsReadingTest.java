package dev.helpdesk.sla.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.testsupport.ServiceJson;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler reads every ticket event it acts on as ticket-events' golden JSON has it, losing no field. */
class TicketEventsReadingTest {

    private static final ObjectMapper JSON = ServiceJson.objectMapper();
    private final TicketEventHandler handler = new TicketEventHandler(JSON, null);

    @Test
    void actsOnTheTicketEventsThatMoveClocks() {
        assertThat(EventTypes.all().keySet().stream().filter(handler::handles))
                .contains("helpdesk.ticket.opened.v1", "helpdesk.ticket.comment-added.v1",
                        "helpdesk.ticket.status-changed.v1", "helpdesk.ticket.severity-changed.v1",
                        "helpdesk.organization.registered.v1", "helpdesk.organization.terms-changed.v1");
    }

    /** Events stored before issue 21 lack the fields it added (null then); they are read as before. */
    @Test
    void readsRegistrationsAndStatusChangesStoredInTheirOldShape() {
        for (String[] typeAndField : new String[][]{{"helpdesk.organization.registered.v1", "relationshipManager"},
                {"helpdesk.ticket.status-changed.v1", "resolution"}}) {
            JsonNode golden = GoldenEvents.envelope(typeAndField[0]);
            ((ObjectNode) golden.get("data")).remove(typeAndField[1]);
            Object data = handler.decode(ReceivedEvents.read(JSON, golden.toString()));
            JsonNode written = GoldenEvents.written(data);
            assertThat(written.get(typeAndField[1]).isNull()).as(typeAndField[0]).isTrue();
            JsonNode rest = ((ObjectNode) written).without(typeAndField[1]);
            assertThat(rest).isEqualTo(golden.get("data"));
        }
    }

    @Test
    void aTermsChangeWithAnUnknownZoneIsUnreadable() {
        String type = "helpdesk.organization.terms-changed.v1";
        JsonNode golden = GoldenEvents.envelope(type);
        ((ObjectNode) golden.get("data")).put("timeZone", "Mars/Olympus");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.decode(ReceivedEvents.read(JSON, golden.toString())))
                .isInstanceOf(dev.helpdesk.events.UnreadableEventException.class).hasMessageContaining("Mars/Olympus");
    }

    @TestFactory
    Stream<DynamicTest> readsEveryGoldenTicketEventItActsOn() {
        return EventTypes.all().keySet().stream().filter(handler::handles).sorted()
                .map(type -> DynamicTest.dynamicTest(type, () -> {
                    JsonNode golden = GoldenEvents.envelope(type);
                    ReceivedEvent event = ReceivedEvents.read(JSON, GoldenEvents.text(type));
                    Object data = handler.decode(event);
                    assertThat(event.id()).isEqualTo(golden.get("id").asText());
                    assertThat(event.correlationId()).isEqualTo(golden.get("correlationid").asText());
                    assertThat(data).isInstanceOf(EventTypes.classOf(type).orElseThrow());
                    assertThat(GoldenEvents.written(data)).isEqualTo(golden.get("data"));
                }));
    }
}
