package dev.helpdesk.tickets.history;

import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.tickets.config.Actors;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.ticket.query.TicketQueries;
import dev.helpdesk.tickets.ticket.query.TicketView;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The raw event history, read from the event store itself (documented in docs/events.md). */
@RestController
@Tag(name = "Event history")
class HistoryController {

    private static final String COMMENT_ADDED = EventTypes.typeOf(CommentAddedEvent.class).orElseThrow();

    private final EventStoreReader store;
    private final TicketQueries tickets;

    HistoryController(EventStoreReader store, TicketQueries tickets) {
        this.store = store;
        this.tickets = tickets;
    }

    record TicketHistory(List<Entry> items) {
    }

    record Entry(long sequence, String type, Instant occurredAt, String actor, Object data) {
    }

    record GlobalPage(List<StoredEvent> items, long next) {
    }

    @GetMapping("/api/tickets/{id}/history")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager', 'analyst', 'admin')")
    TicketHistory history(@PathVariable String id, Caller caller) {
        TicketView ticket = tickets.summary(id).orElseThrow(() -> new NotFoundException("Ticket not found."));
        caller.requireReadable(ticket.organizationId(), "Ticket");
        return new TicketHistory(store.stream(id).stream()
                .filter(event -> Actors.seesInternalNotes(caller) || !isInternalComment(event))
                .map(event -> new Entry(event.sequence(), event.type(), event.occurredAt(), event.actor(), event.data()))
                .toList());
    }

    @GetMapping("/api/events")
    @PreAuthorize("hasAnyRole('analyst', 'admin')")
    GlobalPage events(@RequestParam(defaultValue = "-1") long after, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalid("limit", "must be between 1 and 1000");
        }
        List<StoredEvent> items = store.after(after, limit);
        return new GlobalPage(items, items.isEmpty() ? after : items.get(items.size() - 1).position());
    }

    private static boolean isInternalComment(StoredEvent event) {
        return COMMENT_ADDED.equals(event.type())
                && Visibility.INTERNAL.name().equals(event.data().path("visibility").asText());
    }
}
