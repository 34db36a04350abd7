package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.testsupport.ServiceJson;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handlers read the golden JSON of every type they act on (sla-events and ticket-events) into the producer's
 * own record, valid and without losing a field.
 */
class GoldenEventsReadingTest {

    private final ObjectMapper json = ServiceJson.objectMapper();

    @TestFactory
    Stream<DynamicTest> readsTheSlaEventsItActsOn() {
        return readsEveryType(new SlaEventsHandler(json, null), SlaEventTypes.all());
    }

    @TestFactory
    Stream<DynamicTest> readsTheTicketEventsItActsOn() {
        return readsEveryType(new TicketEventsHandler(json, null, null), EventTypes.all());
    }

    private Stream<DynamicTest> readsEveryType(EventHandler handler, Map<String, Class<?>> published) {
        assertThat(published.keySet().stream().filter(handler::handles)).isNotEmpty();
        return published.keySet().stream().filter(handler::handles).sorted().map(type -> DynamicTest.dynamicTest(type, () -> {
            ReceivedEvent event = ReceivedEvents.read(json, GoldenEvents.text(type));
            Object data = handler.decode(event);
            assertThat(data).as("the producer's record of " + type).isInstanceOf(published.get(type));

            JsonNode golden = GoldenEvents.envelope(type);
            assertThat(event.id()).isEqualTo(golden.get("id").asText());
            assertThat(event.type()).isEqualTo(type);
            assertThat(GoldenEvents.written(data)).isEqualTo(golden.get("data"));
        }));
    }
}
