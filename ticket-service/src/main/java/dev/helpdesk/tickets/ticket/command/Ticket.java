package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.ticket.AttachmentAddedEvent;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.EscalationLevelRecordedEvent;
import dev.helpdesk.events.ticket.EscalationRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangeRequestDecidedEvent;
import dev.helpdesk.events.ticket.SeverityChangeRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketAssignedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.events.ticket.TimeEntryReversedEvent;
import dev.helpdesk.tickets.domain.Actor;
import dev.helpdesk.tickets.domain.InvalidInputException;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.domain.NotPermittedException;
import dev.helpdesk.tickets.domain.RuleViolationException;
import dev.helpdesk.tickets.domain.StateConflictException;
import dev.helpdesk.tickets.organization.command.OrganizationTerms;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static dev.helpdesk.events.TicketStatus.CLOSED;
import static dev.helpdesk.events.TicketStatus.IN_PROGRESS;
import static dev.helpdesk.events.TicketStatus.NEW;
import static dev.helpdesk.events.TicketStatus.RESOLVED;
import static dev.helpdesk.events.TicketStatus.WAITING_ON_CUSTOMER;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A support ticket: its command handlers check the rules of DOMAIN.md, then apply the events. */
@Aggregate(repository = "ticketRepository")
public class Ticket {

    /** A single time entry may not exceed one day of work. */
    static final int MAX_MINUTES_PER_ENTRY = 24 * 60;

    @AggregateIdentifier
    private String ticketId;
    private String organizationId;
    private TicketStatus status;
    private Severity severity;
    private String assignee;
    private Instant resolvedAt;
    private String timeZone;
    /** The contact's severity request support has not decided yet (at most one), null when none is open. */
    private SeverityChangeRequestedEvent openRequest;
    private final Set<String> decidedRequests = new HashSet<>();
    private final Map<String, TimeEntryLoggedEvent> timeEntries = new HashMap<>();
    private final Set<String> reversedEntries = new HashSet<>();
    private final Set<String> recordedEscalations = new HashSet<>();

    protected Ticket() {
    }

    @CommandHandler
    public Ticket(OpenTicketCommand command, OrganizationDirectory organizations, TicketKeys keys) {
        OrganizationTerms terms = organizations.termsOf(command.organizationId(), command.at())
                .orElseThrow(() -> new NotFoundException("Organisation " + command.organizationId() + " not found."));
        TicketAdmissionPolicy.check(terms, command.actor(), command.at());
        apply(new TicketOpenedEvent(command.ticketId(), keys.next(), terms.organizationId(), terms.plan(),
                terms.calendar(), terms.timeZone(), command.type(), command.severity(), command.title(),
                command.description(), command.channel(), command.courseId(), command.affectedUserEmail(),
                command.pageUrl(), command.actor().userId(), command.actor().kind(), command.at()));
    }

    @CommandHandler
    public void handle(AddCommentCommand command) {
        requireNotClosed();
        Actor actor = command.actor();
        if (actor.isContact() && command.visibility() == Visibility.INTERNAL) {
            throw new NotPermittedException("internal-comment-by-contact", "Contacts may only write public comments.");
        }
        apply(new CommentAddedEvent(ticketId, command.commentId(), actor.userId(), actor.kind(), command.visibility(),
                command.body(), command.at()));
        if (command.visibility() == Visibility.PUBLIC) {
            if (actor.isStaff() && status == NEW) {
                applyAutomaticMove(IN_PROGRESS, "First public reply by support", actor, command.at());
            } else if (actor.isContact() && status == WAITING_ON_CUSTOMER) {
                applyAutomaticMove(IN_PROGRESS, "Customer replied", actor, command.at());
            } else if (actor.isContact() && status == RESOLVED) {
                // The contact's reply is the reopening DOMAIN.md allows them; it also stops the auto-close timer.
                reopen("Customer replied", actor, command.at());
            }
        }
    }

    @CommandHandler
    public void handle(AssignTicketCommand command) {
        requireNotClosed();
        requireStaff(command.actor(), "assign tickets");
        if (command.assignee().equals(assignee)) {
            return;
        }
        apply(new TicketAssignedEvent(ticketId, command.assignee(), command.actor().userId(), command.at()));
        if (status == NEW) {
            applyAutomaticMove(IN_PROGRESS, "Assigned to " + command.assignee(), command.actor(), command.at());
        }
    }

    @CommandHandler
    public void handle(ChangeStatusCommand command) {
        TicketStatus to = command.status();
        if (!StatusTransitions.isAllowed(status, to)) {
            throw new StateConflictException("illegal-transition", "A " + status + " ticket cannot move to " + to + ".");
        }
        if (status == RESOLVED && to == IN_PROGRESS) {
            reopen(command.reason(), command.actor(), command.at());
            return;
        }
        if (command.actor().isContact() && !StatusTransitions.isAllowedForContact(status, to)) {
            throw new NotPermittedException("status-by-contact", "Contacts may only close a resolved ticket or reopen it.");
        }
        if (!command.actor().isContact()) {
            requireStaff(command.actor(), "change the status");
        }
        String resolution = null;
        if (to == RESOLVED) {
            if (command.resolution() == null || command.resolution().isBlank()) {
                throw new InvalidInputException("resolution",
                        "must not be blank: resolving a ticket needs a summary of what was understood and the next steps");
            }
            resolution = command.resolution().strip();
        } else if (command.resolution() != null && !command.resolution().isBlank()) {
            throw new InvalidInputException("resolution", "is only given with status RESOLVED");
        }
        apply(new TicketStatusChangedEvent(ticketId, status, to, command.reason(), command.actor().userId(),
                command.actor().kind(), false, command.at(), resolution));
    }

    /** Auto-close: only the resolution the timer was set for, and only while the ticket is still resolved. */
    @CommandHandler
    public void handle(CloseResolvedTicketCommand command) {
        if (status != RESOLVED || resolvedAt == null
                || !resolvedAt.truncatedTo(ChronoUnit.MILLIS).equals(command.resolvedAt().truncatedTo(ChronoUnit.MILLIS))) {
            return;
        }
        apply(new TicketStatusChangedEvent(ticketId, RESOLVED, CLOSED, command.reason(), Actor.SYSTEM.userId(),
                ActorKind.SYSTEM, true, command.at()));
    }

    @CommandHandler
    public void handle(ReopenTicketCommand command) {
        if (status != RESOLVED) {
            throw new StateConflictException("illegal-transition", "Only a resolved ticket can be reopened; this one is " + status + ".");
        }
        reopen(command.reason(), command.actor(), command.at());
    }

    @CommandHandler
    public void handle(ChangeSeverityCommand command) {
        requireNotClosed();
        requireStaff(command.actor(), "change the severity");
        Severity to = command.severity();
        if (to == severity) {
            throw new StateConflictException("severity-unchanged", "The ticket already has severity " + to + ".");
        }
        boolean explained = command.justification() != null && !command.justification().isBlank();
        if (!explained) {
            throw severity.isUpgradeTo(to)
                    ? new RuleViolationException("upgrade-without-justification",
                            "Raising the severity to " + to + " needs a written justification of the increased impact.")
                    : new RuleViolationException("downgrade-without-reason", "Lowering the severity needs a reason.");
        }
        apply(new SeverityChangedEvent(ticketId, severity, to, command.justification(), command.actor().userId(), command.at()));
    }

    /** A contact asks for another severity: one open request per ticket, with a reason; support decides. */
    @CommandHandler
    public void handle(RequestSeverityChangeCommand command) {
        requireNotClosed();
        if (!command.actor().isContact()) {
            throw new NotPermittedException("contacts-only", "Only the ticket's contacts request a severity change; "
                    + "support changes it directly.");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RuleViolationException("request-without-reason", "A severity request needs a reason.");
        }
        if (openRequest != null) {
            throw new StateConflictException("severity-request-open", "Severity request " + openRequest.requestId()
                    + " is still open; support decides it first.");
        }
        if (command.severity() == severity) {
            throw new RuleViolationException("severity-unchanged", "The ticket already has severity " + severity + ".");
        }
        apply(new SeverityChangeRequestedEvent(ticketId, command.requestId(), severity, command.severity(),
                command.reason().strip(), command.actor().userId(), command.at()));
    }

    /**
     * Support answers the open request. Accepting changes the severity (a decision event, then the
     * {@link SeverityChangedEvent} that re-targets the clocks); an accepted upgrade needs the decision's reason as
     * its justification, a decline needs a reason; an accepted downgrade records the decision's reason, or else the
     * contact's. A request for the severity the ticket has meanwhile been given is accepted without a change.
     */
    @CommandHandler
    public void handle(DecideSeverityChangeRequestCommand command) {
        requireNotClosed();
        requireStaff(command.actor(), "decide severity requests");
        if (decidedRequests.contains(command.requestId())) {
            throw new StateConflictException("severity-request-decided", "Severity request " + command.requestId()
                    + " is already decided.");
        }
        if (openRequest == null || !openRequest.requestId().equals(command.requestId())) {
            throw new NotFoundException("Severity request " + command.requestId() + " not found on this ticket.");
        }
        boolean explained = command.reason() != null && !command.reason().isBlank();
        SeverityChangeRequestedEvent request = openRequest;
        Severity requested = request.requested();
        if (!command.accept() && !explained) {
            throw new RuleViolationException("decline-without-reason", "Declining a severity request needs a reason the contact is shown.");
        }
        if (command.accept() && severity.isUpgradeTo(requested) && !explained) {
            throw new RuleViolationException("upgrade-without-justification",
                    "Accepting an upgrade to " + requested + " needs a written justification of the increased impact.");
        }
        String reason = explained ? command.reason().strip() : null;
        apply(new SeverityChangeRequestDecidedEvent(ticketId, command.requestId(), command.accept(), reason,
                command.actor().userId(), command.at()));
        if (command.accept() && requested != severity) {
            apply(new SeverityChangedEvent(ticketId, severity, requested, reason != null ? reason : request.reason(),
                    command.actor().userId(), command.at()));
        }
    }

    @CommandHandler
    public void handle(RequestEscalationCommand command) {
        if (status == RESOLVED || status == CLOSED) {
            throw new StateConflictException("ticket-finished", "A " + status + " ticket cannot be escalated; reopen it first.");
        }
        apply(new EscalationRequestedEvent(ticketId, organizationId, command.reason(), command.actor().userId(),
                command.actor().kind(), command.at()));
    }

    @CommandHandler
    public void handle(LogTimeCommand command, OrganizationDirectory organizations) {
        requireNotClosed();
        requireStaff(command.actor(), "log time");
        if (command.minutes() <= 0 || command.minutes() > MAX_MINUTES_PER_ENTRY) {
            throw new RuleViolationException("invalid-minutes", "A time entry is between 1 and " + MAX_MINUTES_PER_ENTRY + " minutes.");
        }
        if (timeEntries.containsKey(command.entryId())) {
            throw new StateConflictException("entry-exists", "Time entry " + command.entryId() + " exists already.");
        }
        LocalDate workDate = command.startedAt() == null ? TimeEntryDates.workDate(command.workDate(), null, command.at(), null)
                : TimeEntryDates.workDate(command.workDate(), command.startedAt(), command.at(), organizationZone(organizations));
        apply(new TimeEntryLoggedEvent(ticketId, organizationId, command.entryId(), command.actor().userId(),
                command.minutes(), command.rate(), workDate, command.note(), command.at(), command.startedAt()));
    }

    @CommandHandler
    public void handle(ReverseTimeEntryCommand command) {
        requireNotClosed();
        requireStaff(command.actor(), "reverse time entries");
        TimeEntryLoggedEvent entry = timeEntries.get(command.entryId());
        if (entry == null) {
            throw new NotFoundException("Time entry " + command.entryId() + " not found on this ticket.");
        }
        if (reversedEntries.contains(command.entryId())) {
            throw new StateConflictException("entry-reversed", "Time entry " + command.entryId() + " is already reversed.");
        }
        apply(new TimeEntryReversedEvent(ticketId, organizationId, entry.entryId(), entry.agentId(), entry.minutes(),
                entry.rate(), entry.workDate(), command.reason(), command.actor().userId(), command.at()));
    }

    @CommandHandler
    public void handle(AddAttachmentCommand command) {
        requireNotClosed();
        apply(new AttachmentAddedEvent(ticketId, command.attachmentId(), command.fileName(), command.contentType(),
                command.size(), command.sha256(), command.actor().userId(), command.at()));
    }

    /** Idempotent: the escalation service may deliver the same raise twice; a closed ticket records nothing more. */
    @CommandHandler
    public void handle(RecordEscalationLevelCommand command) {
        String key = command.escalationId() + "#" + command.level();
        if (recordedEscalations.contains(key) || status == CLOSED) {
            return;
        }
        apply(new EscalationLevelRecordedEvent(ticketId, command.escalationId(), command.level(), command.trigger(),
                command.raisedAt()));
    }

    /** The organisation's time zone now (it may have moved since the ticket was opened), else the one it was opened in. */
    private ZoneId organizationZone(OrganizationDirectory organizations) {
        return ZoneId.of(organizations.termsOf(organizationId).map(OrganizationTerms::timeZone).orElse(timeZone));
    }

    private void reopen(String reason, Actor actor, Instant at) {
        if (!actor.isContact()) {
            requireStaff(actor, "reopen tickets");
        }
        apply(new TicketReopenedEvent(ticketId, reason, actor.userId(), actor.kind(), at));
    }

    private void applyAutomaticMove(TicketStatus to, String reason, Actor actor, Instant at) {
        apply(new TicketStatusChangedEvent(ticketId, status, to, reason, actor.userId(), actor.kind(), true, at));
    }

    private void requireNotClosed() {
        if (status == CLOSED) {
            throw new StateConflictException("ticket-closed", "A closed ticket never changes again.");
        }
    }

    private static void requireStaff(Actor actor, String what) {
        if (!actor.isStaff()) {
            throw new NotPermittedException("staff-only", "Only support staff may " + what + ".");
        }
    }

    @EventSourcingHandler
    void on(TicketOpenedEvent event) {
        ticketId = event.ticketId();
        organizationId = event.organizationId();
        status = NEW;
        severity = event.severity();
        timeZone = event.timeZone();
    }

    @EventSourcingHandler
    void on(TicketStatusChangedEvent event) {
        status = event.to();
        if (status == RESOLVED) {
            resolvedAt = event.changedAt();
        }
    }

    @EventSourcingHandler
    void on(TicketReopenedEvent event) {
        status = IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(TicketAssignedEvent event) {
        assignee = event.assignee();
    }

    @EventSourcingHandler
    void on(SeverityChangedEvent event) {
        severity = event.to();
    }

    @EventSourcingHandler
    void on(SeverityChangeRequestedEvent event) {
        openRequest = event;
    }

    @EventSourcingHandler
    void on(SeverityChangeRequestDecidedEvent event) {
        decidedRequests.add(event.requestId());
        if (openRequest != null && openRequest.requestId().equals(event.requestId())) {
            openRequest = null;
        }
    }

    @EventSourcingHandler
    void on(TimeEntryLoggedEvent event) {
        timeEntries.put(event.entryId(), event);
    }

    @EventSourcingHandler
    void on(TimeEntryReversedEvent event) {
        reversedEntries.add(event.entryId());
    }

    @EventSourcingHandler
    void on(EscalationLevelRecordedEvent event) {
        recordedEscalations.add(event.escalationId() + "#" + event.level());
    }
}
