package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.testsupport.ServiceJson;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listeners read the golden JSON of every type they act on (sla-events and ticket-events) into the producer's
 * own record, valid and without losing a field.
 */
class GoldenEventsReadingTest {

    private final EventReader reader = new EventReader(ServiceJson.objectMapper());
    private final InboundEventApplier applier = new InboundEventApplier(null, null, null);

    @TestFactory
    Stream<DynamicTest> readsTheSlaEventsItActsOn() {
        return readsEveryType(SlaEventsListener.SHAPES, SlaEventTypes::classOf);
    }

    @TestFactory
    Stream<DynamicTest> readsTheTicketEventsItActsOn() {
        return readsEveryType(TicketEventsListener.SHAPES, EventTypes::classOf);
    }

    private Stream<DynamicTest> readsEveryType(Map<String, EventShape> shapes,
                                              Function<String, Optional<Class<?>>> publishedClass) {
        return shapes.keySet().stream().sorted().map(type -> DynamicTest.dynamicTest(type, () -> {
            EventShape shape = shapes.get(type);
            assertThat(publishedClass.apply(type)).as("the producer's record of " + type).contains(shape.dataType());

            ReceivedEvent event = reader.envelope(GoldenEvents.text(type));
            Object data = reader.data(event, shape.dataType(), shape.requiredFields());
            applier.validate(data);

            JsonNode golden = GoldenEvents.envelope(type);
            assertThat(event.id()).isEqualTo(golden.get("id").asText());
            assertThat(event.type()).isEqualTo(type);
            assertThat(GoldenEvents.written(data)).isEqualTo(golden.get("data"));
        }));
    }
}
