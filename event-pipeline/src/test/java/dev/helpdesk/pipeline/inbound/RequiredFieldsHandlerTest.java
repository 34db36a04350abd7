package dev.helpdesk.pipeline.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.events.ticket.TicketAssignedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A handler built on {@link RequiredFields}: its types, its dead-letter reasons, its check, one event at a time. */
class RequiredFieldsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String ASSIGNED = "helpdesk.ticket.assigned.v1";

    /** Keeps what it applied; refuses an assignee named "nobody" as a service's own rule would. */
    private static final class Assignments extends RequiredFieldsHandler {

        final List<String> applied = new ArrayList<>();

        Assignments(RequiredFields required) {
            super(required, JSON);
        }

        @Override
        protected void check(ReceivedEvent event, Object data) {
            if ("nobody".equals(((TicketAssignedEvent) data).assignee())) {
                throw new UnreadableEventException("data.assignee names nobody");
            }
        }

        @Override
        protected void apply(InboundEvent event) {
            applied.add(((TicketAssignedEvent) event.data()).ticketId());
        }
    }

    private final Assignments handler = new Assignments(
            new RequiredFields(Map.of(TicketAssignedEvent.class, List.of("ticketId", "assignee"))));

    @Test
    void handlesTheListedRegisteredTypesOnly() {
        assertThat(handler.handles(ASSIGNED)).isTrue();
        assertThat(handler.handles("helpdesk.ticket.opened.v1")).isFalse();
        assertThat(handler.handles("helpdesk.ticket.unknown.v1")).isFalse();
    }

    @Test
    void bindsTheDataAsItsRegisteredRecord() {
        Object data = handler.decode(assigned("T-1", "agent-7"));
        assertThat(data).isEqualTo(new TicketAssignedEvent("T-1", "agent-7", null, null));
    }

    @Test
    void refusesDataLackingARequiredFieldWithTheReasonRequiredFieldsGives() {
        assertThatThrownBy(() -> handler.decode(assigned("T-1", " ")))
                .isInstanceOf(UnreadableEventException.class).hasMessage(ASSIGNED + " lacks data.assignee");
    }

    @Test
    void refusesWhatTheHandlersCheckRefusesAfterBinding() {
        assertThatThrownBy(() -> handler.decode(assigned("T-1", "nobody")))
                .isInstanceOf(UnreadableEventException.class).hasMessage("data.assignee names nobody");
    }

    @Test
    void appliesAPollOneEventAtATimeInOrder() {
        List<InboundEvent> events = List.of(event("T-1"), event("T-2"), event("T-3"));
        handler.apply(new InboundBatch(events, Map.of()));
        assertThat(handler.applied).containsExactly("T-1", "T-2", "T-3");
    }

    @Test
    void aHandlerThatTakesNeitherOneEventNorTheWholePollSaysSo() {
        RequiredFieldsHandler incomplete = new RequiredFieldsHandler(
                new RequiredFields(Map.of(TicketAssignedEvent.class, List.of("ticketId"))), JSON) {
        };
        assertThat(incomplete.decode(assigned("T-1", "agent-7"))).isInstanceOf(TicketAssignedEvent.class);
        assertThatThrownBy(() -> incomplete.apply(new InboundBatch(List.of(event("T-1")), Map.of())))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsAnotherProducersTypesThroughItsRegistry() {
        RequiredFields other = new RequiredFields(
                type -> "helpdesk.other.assigned.v1".equals(type) ? Optional.of(TicketAssignedEvent.class) : Optional.empty(),
                Map.of(TicketAssignedEvent.class, List.of("ticketId")));
        Assignments elsewhere = new Assignments(other);
        assertThat(elsewhere.handles("helpdesk.other.assigned.v1")).isTrue();
        assertThat(elsewhere.handles(ASSIGNED)).isFalse();
    }

    private static ReceivedEvent assigned(String ticketId, String assignee) {
        ObjectNode data = JSON.createObjectNode().put("ticketId", ticketId).put("assignee", assignee);
        return new ReceivedEvent("e-" + ticketId, ASSIGNED, ticketId, Instant.EPOCH, 1L, null, null, data);
    }

    private static InboundEvent event(String ticketId) {
        return new InboundEvent(assigned(ticketId, "agent-7"), new TicketAssignedEvent(ticketId, "agent-7", null, null),
                "helpdesk.tickets.v1", 0, 0);
    }
}
