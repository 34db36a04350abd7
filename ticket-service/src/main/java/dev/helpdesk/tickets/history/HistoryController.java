package dev.helpdesk.tickets.history;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.tickets.config.Actors;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.ticket.query.ContactVisibility;
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
import java.util.stream.IntStream;

/** The raw event history, read from the event store itself (documented in docs/events.md). */
@RestController
@Tag(name = "Event history")
class HistoryController {

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

    /**
     * Staff read the stream with its own sequence numbers. Contacts read the events they can see
     * ({@link ContactVisibility}), numbered 0, 1, 2, ... among themselves: no gap where an internal note was written,
     * and the last number is the contact's version of the ticket (its ETag).
     */
    @GetMapping("/api/tickets/{id}/history")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager', 'analyst', 'admin')")
    TicketHistory history(@PathVariable String id, Caller caller) {
        TicketView ticket = tickets.summary(id).orElseThrow(() -> new NotFoundException("Ticket not found."));
        caller.requireReadable(ticket.organizationId(), "Ticket");
        List<StoredEvent> events = store.stream(id);
        if (Actors.seesInternalNotes(caller)) {
            return new TicketHistory(events.stream().map(event -> entry(event.sequence(), event)).toList());
        }
        List<StoredEvent> visible = events.stream().filter(event -> ContactVisibility.sees(event.type(), event.data())).toList();
        return new TicketHistory(IntStream.range(0, visible.size()).mapToObj(i -> entry(i, visible.get(i))).toList());
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

    private static Entry entry(long sequence, StoredEvent event) {
        return new Entry(sequence, event.type(), event.occurredAt(), event.actor(), event.data());
    }
}
