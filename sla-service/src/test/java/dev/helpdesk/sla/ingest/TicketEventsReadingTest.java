package dev.helpdesk.sla.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.sla.ticket.TicketEventApplier;
import dev.helpdesk.testsupport.ServiceJson;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** The listener reads every ticket event as ticket-events' golden JSON has it, losing no field. */
class TicketEventsReadingTest {

    private static final ObjectMapper JSON = ServiceJson.objectMapper();

    @TestFactory
    Stream<DynamicTest> readsEveryGoldenTicketEvent() {
        return EventTypes.all().keySet().stream().sorted().map(type -> DynamicTest.dynamicTest(type, () -> {
            TicketEventApplier applier = mock(TicketEventApplier.class);
            DeadLetters deadLetters = mock(DeadLetters.class);
            JsonNode golden = GoldenEvents.envelope(type);

            new TicketEventListener(JSON, applier, deadLetters)
                    .onRecord(new ConsumerRecord<>("helpdesk.tickets.v1", 0, 0, golden.get("subject").asText(),
                            GoldenEvents.text(type)));

            ArgumentCaptor<Object> data = ArgumentCaptor.forClass(Object.class);
            verify(applier).apply(eq(golden.get("id").asText()), eq(golden.get("correlationid").asText()), data.capture());
            verify(deadLetters, never()).store(any(), anyString());
            assertThat(data.getValue()).isInstanceOf(EventTypes.classOf(type).orElseThrow());
            assertThat(GoldenEvents.written(data.getValue())).isEqualTo(golden.get("data"));
        }));
    }
}
