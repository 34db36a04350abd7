package dev.helpdesk.tickets.ticket.web;

import dev.helpdesk.tickets.config.CurrentUser;
import dev.helpdesk.tickets.config.ViewCatchUp;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.history.EventStoreReader;
import dev.helpdesk.tickets.ticket.query.TicketQueries;
import dev.helpdesk.tickets.ticket.query.TicketView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
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

    /** The caller, once it is clear the ticket exists for them (another tenant's ticket is not found). */
    CurrentUser reader(String ticketId, Jwt jwt) {
        CurrentUser user = CurrentUser.of(jwt);
        TicketView ticket = queries.summary(ticketId).orElseThrow(() -> new NotFoundException("Ticket not found."));
        user.requireTenant(ticket.organizationId(), "Ticket");
        return user;
    }

    /** The ticket as the caller sees it, once the view shows the command's own change (bounded wait). */
    TicketView fresh(String ticketId, CurrentUser user) {
        long version = store.version(ticketId);
        catchUp.await(() -> queries.version(ticketId), version);
        return queries.details(ticketId, user.seesInternalNotes())
                .orElseThrow(() -> new NotFoundException("Ticket not found."));
    }

    ResponseEntity<TicketView> answer(String ticketId, CurrentUser user) {
        TicketView view = fresh(ticketId, user);
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }
}
