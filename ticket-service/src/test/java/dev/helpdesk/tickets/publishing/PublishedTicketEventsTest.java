package dev.helpdesk.tickets.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.testsupport.ServiceJson;
import dev.helpdesk.tickets.config.AxonConfig;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

/** The envelope the publisher writes for every stored event has the shape of ticket-events' golden JSON. */
class PublishedTicketEventsTest {

    private static final ObjectMapper JSON = ServiceJson.objectMapper();

    @TestFactory
    Stream<DynamicTest> everyTypeIsPublishedInTheShapeOfItsGoldenJson() {
        return EventTypes.all().keySet().stream().sorted().map(type -> DynamicTest.dynamicTest(type, () -> {
            JsonNode golden = GoldenEvents.envelope(type);
            Object payload = JSON.treeToValue(golden.get("data"), EventTypes.classOf(type).orElseThrow());
            var stored = new GenericDomainEventMessage<>(golden.get("aggregatetype").asText(),
                    golden.get("subject").asText(), 3, payload)
                    .andMetaData(Map.of(AxonConfig.ACTOR, "agent-1", AxonConfig.CORRELATION_ID, "c-1"));

            String published = JSON.writeValueAsString(EnvelopeFactory.envelope(stored).orElseThrow());

            GoldenEvents.assertSameShape(type, GoldenEvents.tree(published), golden);
        }));
    }
}
