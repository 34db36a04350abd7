package dev.helpdesk.budgets.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.testsupport.ServiceJson;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The budget reads ticket-events' golden JSON of the types it charges by, losing no field, and skips the rest. */
class GoldenTicketEventsReadingTest {

    private static final Set<String> CHARGED_BY = Set.of("helpdesk.organization.registered.v1",
            "helpdesk.organization.support-period-changed.v1", "helpdesk.organization.budget-purchased.v1",
            "helpdesk.ticket.time-entry-logged.v1", "helpdesk.ticket.time-entry-reversed.v1",
            "helpdesk.organization.terms-changed.v1", "helpdesk.organization.time-entry-logged.v1",
            "helpdesk.organization.time-entry-reversed.v1");

    private final TicketEventReader reader = new TicketEventReader(ServiceJson.objectMapper());

    @TestFactory
    Stream<DynamicTest> readsEveryGoldenTicketEvent() {
        return EventTypes.all().keySet().stream().sorted().map(type -> DynamicTest.dynamicTest(type, () -> {
            JsonNode golden = GoldenEvents.envelope(type);

            Optional<IncomingEvent> read = reader.read(GoldenEvents.text(type));

            if (!CHARGED_BY.contains(type)) {
                assertThat(read).isEmpty();
                return;
            }
            IncomingEvent event = read.orElseThrow();
            assertThat(event.id()).isEqualTo(golden.get("id").asText());
            assertThat(event.correlationId()).isEqualTo(golden.get("correlationid").asText());
            assertThat(event.data()).isInstanceOf(EventTypes.classOf(type).orElseThrow());
            assertThat(GoldenEvents.written(event.data())).isEqualTo(golden.get("data"));
        }));
    }
}
