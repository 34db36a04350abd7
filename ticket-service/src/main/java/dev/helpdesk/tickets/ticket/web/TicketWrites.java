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
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What every ticket write does around its command: tenant check before (from the ticket's organisation, remembered
 * once read: it never changes), read-your-writes answer after, and the
 * caller's {@code If-Match} mapped to the stream version the command expects. Staff are shown the stream version;
 * contacts the version that counts only what they can see (docs/security.md, "Replays and what contacts see").
 * <p>
 * The answer is read once, inside the command's own transaction, after its events were stored and the inline
 * projection applied them (issue 15): the view and the store's version in one statement. Only when the view did not
 * show the write there (the inline projection applies an event only on top of its predecessor) does the answer wait,
 * bounded, for the tracking processor as before ({@link ViewCatchUp}). See docs/command-path.md.
 */
@Component
public class TicketWrites {

    private final TicketQueries queries;
    private final EventStoreReader store;
    private final ViewCatchUp catchUp;
    private final CommandGateway commands;
    /**
     * The organisation of each ticket the tenant check has seen: a ticket never changes organisation (no command moves
     * it) and is never deleted, so a known entry never goes stale, and a repeated write skips the check's read.
     */
    private final Cache<String, String> organizationOfTicket;

    /** The write the current request thread is sending, and what its command's transaction read for the answer. */
    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

    private static final class Pending {
        final String ticketId;
        final boolean staff;
        boolean claimed;
        TicketQueries.Written written;

        Pending(String ticketId, boolean staff) {
            this.ticketId = ticketId;
            this.staff = staff;
        }
    }

    TicketWrites(TicketQueries queries, EventStoreReader store, ViewCatchUp catchUp, CommandGateway commands,
                 CommandBus commandBus, @Value("${helpdesk.tickets.aggregate-cache.tickets:20000}") long knownTickets) {
        this.organizationOfTicket = Caffeine.newBuilder().maximumSize(knownTickets).build();
        this.queries = queries;
        this.store = store;
        this.catchUp = catchUp;
        this.commands = commands;
        // The command bus handles a command on the sending thread, in a unit of work whose transaction commits after
        // its prepare-commit phase; the event bus stores the events and runs the inline projection in that phase,
        // from a handler registered when the first event was applied, so one registered after the command handler
        // returned runs after them, still inside the transaction.
        commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Pending pending = PENDING.get();
            if (pending == null || pending.claimed || unitOfWork.parent().isPresent()) {
                return chain.proceed();
            }
            pending.claimed = true;
            Object result = chain.proceed();
            unitOfWork.onPrepareCommit(u -> {
                try {
                    pending.written = queries.written(pending.ticketId, pending.staff).orElse(null);
                } catch (RuntimeException e) {
                    pending.written = null; // the answer is read after the commit instead; the write stands
                }
            });
            return result;
        });
    }

    /** Refuses a ticket that does not exist for the caller (another tenant's ticket is not found). */
    public void requireReadable(String ticketId, Caller caller) {
        String organizationId = organizationOfTicket.getIfPresent(ticketId);
        if (organizationId == null) {
            organizationId = queries.summary(ticketId).orElseThrow(() -> new NotFoundException("Ticket not found.")).organizationId();
            organizationOfTicket.put(ticketId, organizationId);
        }
        caller.requireReadable(organizationId, "Ticket");
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

    /**
     * Sends a command on {@code ticketId} and answers the ticket as the caller sees it with the command's change:
     * read inside the command's transaction, or (when the view did not show it there) once the view caught up.
     */
    public TicketView sendAndRead(Object command, String ticketId, Caller caller) {
        return sendAndReadIfCurrent(command, ticketId, caller).orElseGet(() -> fresh(ticketId, caller));
    }

    /**
     * Sends a command on {@code ticketId}; the ticket as the caller sees it with the command's change as read inside
     * the command's transaction, empty when the view did not show the change there (then read it with
     * {@link #fresh} once the caller's own transaction, if any, committed).
     */
    public Optional<TicketView> sendAndReadIfCurrent(Object command, String ticketId, Caller caller) {
        Pending pending = new Pending(ticketId, Actors.seesInternalNotes(caller));
        PENDING.set(pending);
        try {
            send(command, caller);
        } finally {
            PENDING.remove();
        }
        Optional<TicketView> written = Optional.ofNullable(pending.written).filter(TicketQueries.Written::viewIsCurrent)
                .map(TicketQueries.Written::view);
        written.ifPresent(view -> organizationOfTicket.put(ticketId, view.organizationId()));
        return written;
    }

    /** {@link #sendAndRead} as the usual answer: 200 with the ticket and its {@code ETag}. */
    ResponseEntity<TicketView> sendAndAnswer(Object command, String ticketId, Caller caller) {
        TicketView view = sendAndRead(command, ticketId, caller);
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    /** The ticket as the caller sees it, once the view shows the ticket's last stored change (bounded wait). */
    public TicketView fresh(String ticketId, Caller caller) {
        long version = store.version(ticketId);
        catchUp.await(() -> queries.version(ticketId), version);
        return queries.details(ticketId, Actors.seesInternalNotes(caller))
                .orElseThrow(() -> new NotFoundException("Ticket not found."));
    }

    /** The ticket's {@code ETag} for the caller, once the view shows the ticket's last stored change (bounded wait). */
    public String etag(String ticketId, Caller caller) {
        return fresh(ticketId, caller).etag();
    }

    private static ProblemException concurrentChange() {
        return ProblemException.staleVersion("Ticket was changed at the same time; read it again and retry.")
                .withReason("concurrent-change");
    }
}
