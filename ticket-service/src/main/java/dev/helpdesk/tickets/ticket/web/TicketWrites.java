package dev.helpdesk.tickets.ticket.web;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.version.IfMatch;
import dev.helpdesk.tickets.config.Actors;
import dev.helpdesk.tickets.config.ViewCatchUp;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.history.EventStoreReader;
import dev.helpdesk.tickets.ticket.query.TicketQueries;
import dev.helpdesk.tickets.ticket.query.TicketView;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** What every ticket write does around its command: tenant check before, read-your-writes answer after. */
@Component
class TicketWrites {

    private final TicketQueries queries;
    private final EventStoreReader store;
    private final ViewCatchUp catchUp;

    TicketWrites(TicketQueries queries, EventStoreReader store, ViewCatchUp catchUp) {
        this.queries = queries;
        this.store = store;
        this.catchUp = catchUp;
    }

    /** Refuses a ticket that does not exist for the caller (another tenant's ticket is not found). */
    void requireReadable(String ticketId, Caller caller) {
        TicketView ticket = queries.summary(ticketId).orElseThrow(() -> new NotFoundException("Ticket not found."));
        caller.requireReadable(ticket.organizationId(), "Ticket");
    }

    /** The stream version the write expects by its {@code If-Match} (none: any), checked again by the aggregate. */
    Long expectedVersion(String ticketId, String ifMatch) {
        return IfMatch.parse(ifMatch).expectedVersion(() -> store.version(ticketId), "Ticket").orElse(null);
    }

    /** The ticket as the caller sees it, once the view shows the command's own change (bounded wait). */
    TicketView fresh(String ticketId, Caller caller) {
        long version = store.version(ticketId);
        catchUp.await(() -> queries.version(ticketId), version);
        return queries.details(ticketId, Actors.seesInternalNotes(caller))
                .orElseThrow(() -> new NotFoundException("Ticket not found."));
    }

    ResponseEntity<TicketView> answer(String ticketId, Caller caller) {
        TicketView view = fresh(ticketId, caller);
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }
}
