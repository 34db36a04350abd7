package dev.helpdesk.tickets.ticket.web;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.version.IfMatch;
import dev.helpdesk.tickets.config.Actors;
import dev.helpdesk.tickets.config.ViewCatchUp;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.history.EventStoreReader;
import dev.helpdesk.tickets.ticket.query.TicketQueries;
import dev.helpdesk.tickets.ticket.query.TicketView;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every ticket write does around its command: tenant check before, read-your-writes answer after, and the
 * caller's {@code If-Match} mapped to the stream version the command expects. Staff are shown the stream version;
 * contacts the version that counts only what they can see (docs/security.md, "Replays and what contacts see").
 */
@Component
public class TicketWrites {

    private final TicketQueries queries;
    private final EventStoreReader store;
    private final ViewCatchUp catchUp;
    private final CommandGateway commands;

    TicketWrites(TicketQueries queries, EventStoreReader store, ViewCatchUp catchUp, CommandGateway commands) {
        this.queries = queries;
        this.store = store;
        this.catchUp = catchUp;
        this.commands = commands;
    }

    /** Refuses a ticket that does not exist for the caller (another tenant's ticket is not found). */
    public void requireReadable(String ticketId, Caller caller) {
        TicketView ticket = queries.summary(ticketId).orElseThrow(() -> new NotFoundException("Ticket not found."));
        caller.requireReadable(ticket.organizationId(), "Ticket");
    }

    /**
     * The stream version the write expects by its {@code If-Match} (none: any), checked again by the aggregate. A
     * contact's tags name contact versions: one naming the current contact version means "nothing I can see has
     * changed since", so the write expects the stream version the view holds with it; any other is stale (409, naming
     * the contact version only).
     */
    public Long expectedVersion(String ticketId, String ifMatch, Caller caller) {
        IfMatch header = IfMatch.parse(ifMatch);
        if (Actors.seesInternalNotes(caller)) {
            return header.expectedVersion(() -> store.version(ticketId), "Ticket").orElse(null);
        }
        if (!header.isPresent()) {
            return null;
        }
        TicketQueries.Versions versions = queries.versions(ticketId).orElseThrow(() -> new NotFoundException("Ticket not found."));
        header.require(versions.contacts(), "Ticket");
        return header.expectedVersion(versions::contacts, "Ticket").map(contactVersion -> versions.stream()).orElse(null);
    }

    /**
     * Sends a ticket command and waits. A contact whose expected version went stale in the meantime (staff wrote at
     * the same moment) is told so without the stream version, which would count internal notes.
     */
    public void send(Object command, Caller caller) {
        try {
            commands.sendAndWait(command);
        } catch (CommandExecutionException e) {
            if (!Actors.seesInternalNotes(caller) && e.getCause() instanceof ConflictingAggregateVersionException) {
                throw concurrentChange();
            }
            throw e;
        } catch (ConflictingAggregateVersionException e) {
            if (!Actors.seesInternalNotes(caller)) {
                throw concurrentChange();
            }
            throw e;
        }
    }

    /** The ticket as the caller sees it, once the view shows the command's own change (bounded wait). */
    public TicketView fresh(String ticketId, Caller caller) {
        long version = store.version(ticketId);
        catchUp.await(() -> queries.version(ticketId), version);
        return queries.details(ticketId, Actors.seesInternalNotes(caller))
                .orElseThrow(() -> new NotFoundException("Ticket not found."));
    }

    /** The ticket's {@code ETag} for the caller, once the view shows the command's own change (bounded wait). */
    public String etag(String ticketId, Caller caller) {
        return fresh(ticketId, caller).etag();
    }

    ResponseEntity<TicketView> answer(String ticketId, Caller caller) {
        TicketView view = fresh(ticketId, caller);
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    private static ProblemException concurrentChange() {
        return ProblemException.staleVersion("Ticket was changed at the same time; read it again and retry.")
                .withReason("concurrent-change");
    }
}
