package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Channel;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.RateKind;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.helpdesk.events.TicketStatus.CLOSED;
import static dev.helpdesk.events.TicketStatus.IN_PROGRESS;
import static dev.helpdesk.events.TicketStatus.NEW;
import static dev.helpdesk.events.TicketStatus.RESOLVED;
import static dev.helpdesk.events.TicketStatus.WAITING_ON_CUSTOMER;

class TicketTest {

    static final String T = "ticket-1";
    static final String ORG = "org-1";
    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    static final Actor CONTACT = Actor.contact("contact-1");
    static final Actor AGENT = Actor.staff("agent-1");
    static final OrganizationTerms TERMS = new OrganizationTerms(ORG, Plan.STANDARD, CalendarKind.BUSINESS_HOURS,
            "Pacific/Auckland", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 1), Set.of("contact-1"));

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        Map<String, OrganizationTerms> organizations = Map.of(ORG, TERMS);
        fixture.registerInjectableResource((OrganizationDirectory) id -> Optional.ofNullable(organizations.get(id)));
        fixture.registerInjectableResource((TicketKeys) () -> "HD-1001");
    }

    static OpenTicketCommand open(Actor actor, Instant at, String organizationId) {
        return new OpenTicketCommand(T, organizationId, TicketType.INCIDENT, Severity.S2, "Site down", "500 on login",
                Channel.PORTAL, "42", "user@uni.edu", "https://lms.uni.edu/course/42", actor, at);
    }

    static TicketOpenedEvent opened(Actor actor) {
        return new TicketOpenedEvent(T, "HD-1001", ORG, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "Pacific/Auckland",
                TicketType.INCIDENT, Severity.S2, "Site down", "500 on login", Channel.PORTAL, "42", "user@uni.edu",
                "https://lms.uni.edu/course/42", actor.userId(), actor.kind(), NOW);
    }

    static TicketStatusChangedEvent moved(TicketStatus from, TicketStatus to) {
        return new TicketStatusChangedEvent(T, from, to, null, AGENT.userId(), ActorKind.STAFF, false, NOW);
    }

    @Test
    void aCurrentContactOpensATicketWithTheOrganisationsTermsAndAKey() {
        fixture.givenNoPriorActivity()
                .when(open(CONTACT, NOW, ORG))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened(CONTACT));
    }

    @Test
    void anAgentOpensOnBehalfOfTheOrganisation() {
        fixture.givenNoPriorActivity().when(open(AGENT, NOW, ORG)).expectEvents(opened(AGENT));
    }

    @Test
    void someoneWhoIsNotACurrentContactCannotOpen() {
        fixture.givenNoPriorActivity()
                .when(open(Actor.contact("former-contact"), NOW, ORG))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void noNewTicketOutsideTheSupportPeriodInTheOrganisationsTimeZone() {
        // 2026-06-01T12:30Z is already 2 June in Auckland, the day after the period ends.
        fixture.givenNoPriorActivity()
                .when(open(CONTACT, Instant.parse("2026-06-01T12:30:00Z"), ORG))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("outside the support period"));
    }

    @Test
    void anUnknownOrganisationIsNotFound() {
        fixture.givenNoPriorActivity().when(open(CONTACT, NOW, "org-x")).expectException(NotFoundException.class);
    }

    @Test
    void anAgentsFirstPublicReplyStartsProgress() {
        fixture.given(opened(CONTACT))
                .when(new AddCommentCommand(T, "c1", "Looking into it", Visibility.PUBLIC, AGENT, NOW, null))
                .expectEvents(new CommentAddedEvent(T, "c1", AGENT.userId(), ActorKind.STAFF, Visibility.PUBLIC, "Looking into it", NOW),
                        new TicketStatusChangedEvent(T, NEW, IN_PROGRESS, "First public reply by support", AGENT.userId(), ActorKind.STAFF, true, NOW));
    }

    @Test
    void anInternalNoteDoesNotMoveTheTicket() {
        fixture.given(opened(CONTACT))
                .when(new AddCommentCommand(T, "c1", "Check logs", Visibility.INTERNAL, AGENT, NOW, null))
                .expectEvents(new CommentAddedEvent(T, "c1", AGENT.userId(), ActorKind.STAFF, Visibility.INTERNAL, "Check logs", NOW));
    }

    @Test
    void contactsMayNotWriteInternalComments() {
        fixture.given(opened(CONTACT))
                .when(new AddCommentCommand(T, "c1", "psst", Visibility.INTERNAL, CONTACT, NOW, null))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aContactsReplyWhileWaitingPutsTheTicketBackInProgress() {
        fixture.given(opened(CONTACT), moved(NEW, WAITING_ON_CUSTOMER))
                .when(new AddCommentCommand(T, "c2", "Here are the logs", Visibility.PUBLIC, CONTACT, NOW, null))
                .expectEvents(new CommentAddedEvent(T, "c2", CONTACT.userId(), ActorKind.CONTACT, Visibility.PUBLIC, "Here are the logs", NOW),
                        new TicketStatusChangedEvent(T, WAITING_ON_CUSTOMER, IN_PROGRESS, "Customer replied", CONTACT.userId(), ActorKind.CONTACT, true, NOW));
    }

    @Test
    void assignmentOfANewTicketStartsProgress() {
        fixture.given(opened(CONTACT))
                .when(new AssignTicketCommand(T, "agent-2", AGENT, NOW, null))
                .expectEvents(new TicketAssignedEvent(T, "agent-2", AGENT.userId(), NOW),
                        new TicketStatusChangedEvent(T, NEW, IN_PROGRESS, "Assigned to agent-2", AGENT.userId(), ActorKind.STAFF, true, NOW));
        fixture.given(opened(CONTACT))
                .when(new AssignTicketCommand(T, "agent-2", CONTACT, NOW, null))
                .expectException(NotPermittedException.class);
    }

    @Test
    void agentsMoveAlongTheAllowedTransitions() {
        fixture.given(opened(CONTACT))
                .when(new ChangeStatusCommand(T, IN_PROGRESS, null, AGENT, NOW, null))
                .expectEvents(moved(NEW, IN_PROGRESS));
        fixture.given(opened(CONTACT), moved(NEW, IN_PROGRESS))
                .when(new ChangeStatusCommand(T, WAITING_ON_CUSTOMER, null, AGENT, NOW, null))
                .expectEvents(moved(IN_PROGRESS, WAITING_ON_CUSTOMER));
        fixture.given(opened(CONTACT), moved(NEW, WAITING_ON_CUSTOMER))
                .when(new ChangeStatusCommand(T, RESOLVED, null, AGENT, NOW, null, "Cache purged; watch for a week"))
                .expectEvents(new TicketStatusChangedEvent(T, WAITING_ON_CUSTOMER, RESOLVED, null, AGENT.userId(),
                        ActorKind.STAFF, false, NOW, "Cache purged; watch for a week"));
    }

    @Test
    void resolvingNeedsASummaryAndOnlyResolvingTakesOne() {
        fixture.given(opened(CONTACT), moved(NEW, IN_PROGRESS))
                .when(new ChangeStatusCommand(T, RESOLVED, "done", AGENT, NOW, null))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("summary"));
        fixture.given(opened(CONTACT), moved(NEW, IN_PROGRESS))
                .when(new ChangeStatusCommand(T, RESOLVED, "done", AGENT, NOW, null, "  "))
                .expectException(InvalidInputException.class);
        fixture.given(opened(CONTACT), moved(NEW, IN_PROGRESS))
                .when(new ChangeStatusCommand(T, WAITING_ON_CUSTOMER, null, AGENT, NOW, null, "Fixed"))
                .expectException(InvalidInputException.class);
    }

    @Test
    void anOldStatusChangeWithoutResolutionStillLoads() {
        // Events stored before the summary existed have none; the ticket still resolves, reopens and closes from them.
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED))
                .when(new ChangeStatusCommand(T, CLOSED, null, AGENT, NOW, null))
                .expectEvents(moved(RESOLVED, CLOSED));
    }

    static SeverityChangeRequestedEvent requested(String id, Severity from, Severity to) {
        return new SeverityChangeRequestedEvent(T, id, from, to, "All teachers locked out", CONTACT.userId(), NOW);
    }

    @Test
    void aContactRequestsAnotherSeverityWithAReason() {
        fixture.given(opened(CONTACT))
                .when(new RequestSeverityChangeCommand(T, "r1", Severity.S1, " All teachers locked out ", CONTACT, NOW, null))
                .expectEvents(requested("r1", Severity.S2, Severity.S1));
        fixture.given(opened(CONTACT))
                .when(new RequestSeverityChangeCommand(T, "r1", Severity.S1, " ", CONTACT, NOW, null))
                .expectException(RuleViolationException.class);
        fixture.given(opened(CONTACT))
                .when(new RequestSeverityChangeCommand(T, "r1", Severity.S2, "same", CONTACT, NOW, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already has severity S2"));
        fixture.given(opened(CONTACT))
                .when(new RequestSeverityChangeCommand(T, "r1", Severity.S1, "why", AGENT, NOW, null))
                .expectException(NotPermittedException.class);
    }

    @Test
    void oneOpenSeverityRequestPerTicket() {
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1))
                .when(new RequestSeverityChangeCommand(T, "r2", Severity.S3, "Actually minor", CONTACT, NOW, null))
                .expectException(StateConflictException.class);
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1),
                        new SeverityChangeRequestDecidedEvent(T, "r1", false, "Only one course affected", AGENT.userId(), NOW))
                .when(new RequestSeverityChangeCommand(T, "r2", Severity.S3, "Actually minor", CONTACT, NOW, null))
                .expectEvents(new SeverityChangeRequestedEvent(T, "r2", Severity.S2, Severity.S3, "Actually minor",
                        CONTACT.userId(), NOW));
    }

    @Test
    void acceptingAnUpgradeChangesTheSeverityWithTheDecisionAsJustification() {
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1))
                .when(new DecideSeverityChangeRequestCommand(T, "r1", true, "Confirmed: nobody can log in", AGENT, NOW, null))
                .expectEvents(new SeverityChangeRequestDecidedEvent(T, "r1", true, "Confirmed: nobody can log in", AGENT.userId(), NOW),
                        new SeverityChangedEvent(T, Severity.S2, Severity.S1, "Confirmed: nobody can log in", AGENT.userId(), NOW));
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1))
                .when(new DecideSeverityChangeRequestCommand(T, "r1", true, null, AGENT, NOW, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("justification"));
    }

    @Test
    void acceptingADowngradeRecordsTheContactsReasonWhenSupportGivesNone() {
        fixture.given(opened(CONTACT), new SeverityChangeRequestedEvent(T, "r1", Severity.S2, Severity.S4, "Workaround found",
                        CONTACT.userId(), NOW))
                .when(new DecideSeverityChangeRequestCommand(T, "r1", true, null, AGENT, NOW, null))
                .expectEvents(new SeverityChangeRequestDecidedEvent(T, "r1", true, null, AGENT.userId(), NOW),
                        new SeverityChangedEvent(T, Severity.S2, Severity.S4, "Workaround found", AGENT.userId(), NOW));
    }

    @Test
    void decliningNeedsAReasonAndChangesNothing() {
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1))
                .when(new DecideSeverityChangeRequestCommand(T, "r1", false, "Only one course affected", AGENT, NOW, null))
                .expectEvents(new SeverityChangeRequestDecidedEvent(T, "r1", false, "Only one course affected", AGENT.userId(), NOW));
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1))
                .when(new DecideSeverityChangeRequestCommand(T, "r1", false, "", AGENT, NOW, null))
                .expectException(RuleViolationException.class);
    }

    @Test
    void onlyStaffDecideAndOnlyOnce() {
        SeverityChangeRequestDecidedEvent declined = new SeverityChangeRequestDecidedEvent(T, "r1", false, "no", AGENT.userId(), NOW);
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1))
                .when(new DecideSeverityChangeRequestCommand(T, "r1", true, "yes", CONTACT, NOW, null))
                .expectException(NotPermittedException.class);
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1), declined)
                .when(new DecideSeverityChangeRequestCommand(T, "r1", true, "yes", AGENT, NOW, null))
                .expectException(StateConflictException.class);
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1))
                .when(new DecideSeverityChangeRequestCommand(T, "r9", true, "yes", AGENT, NOW, null))
                .expectException(NotFoundException.class);
    }

    @Test
    void aRequestForTheSeveritySupportAlreadyGaveIsAcceptedWithoutAChange() {
        fixture.given(opened(CONTACT), requested("r1", Severity.S2, Severity.S1),
                        new SeverityChangedEvent(T, Severity.S2, Severity.S1, "seen it", AGENT.userId(), NOW))
                .when(new DecideSeverityChangeRequestCommand(T, "r1", true, null, AGENT, NOW, null))
                .expectEvents(new SeverityChangeRequestDecidedEvent(T, "r1", true, null, AGENT.userId(), NOW));
    }

    @Test
    void illegalTransitionsAreConflicts() {
        fixture.given(opened(CONTACT))
                .when(new ChangeStatusCommand(T, CLOSED, null, AGENT, NOW, null))
                .expectException(StateConflictException.class)
                .expectNoEvents();
        fixture.given(opened(CONTACT), moved(NEW, IN_PROGRESS))
                .when(new ChangeStatusCommand(T, IN_PROGRESS, null, AGENT, NOW, null))
                .expectException(StateConflictException.class);
    }

    @Test
    void aClosedTicketNeverChangesAgain() {
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED), moved(RESOLVED, CLOSED))
                .when(new ChangeStatusCommand(T, IN_PROGRESS, null, AGENT, NOW, null))
                .expectException(StateConflictException.class);
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED), moved(RESOLVED, CLOSED))
                .when(new AddCommentCommand(T, "c9", "hello?", Visibility.PUBLIC, CONTACT, NOW, null))
                .expectException(StateConflictException.class);
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED), moved(RESOLVED, CLOSED))
                .when(new ReopenTicketCommand(T, "again", CONTACT, NOW, null))
                .expectException(StateConflictException.class);
    }

    @Test
    void contactsMayCloseAResolvedTicketButNotWorkOnIt() {
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED))
                .when(new ChangeStatusCommand(T, CLOSED, "thanks", CONTACT, NOW, null))
                .expectEvents(new TicketStatusChangedEvent(T, RESOLVED, CLOSED, "thanks", CONTACT.userId(), ActorKind.CONTACT, false, NOW));
        fixture.given(opened(CONTACT))
                .when(new ChangeStatusCommand(T, RESOLVED, null, CONTACT, NOW, null))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aResolvedTicketIsReopenedByItsContact() {
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED))
                .when(new ReopenTicketCommand(T, "still broken", CONTACT, NOW, null))
                .expectEvents(new TicketReopenedEvent(T, "still broken", CONTACT.userId(), ActorKind.CONTACT, NOW));
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED))
                .when(new ChangeStatusCommand(T, IN_PROGRESS, "not fixed", AGENT, NOW, null))
                .expectEvents(new TicketReopenedEvent(T, "not fixed", AGENT.userId(), ActorKind.STAFF, NOW));
        fixture.given(opened(CONTACT))
                .when(new ReopenTicketCommand(T, "?", CONTACT, NOW, null))
                .expectException(StateConflictException.class);
    }

    @Test
    void aResolvedTicketClosesByItselfSayingWhy() {
        Instant later = NOW.plusSeconds(7 * 24 * 3600);
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED))
                .when(new CloseResolvedTicketCommand(T, NOW, "no reply within 5 business days", later))
                .expectEvents(new TicketStatusChangedEvent(T, RESOLVED, CLOSED, "no reply within 5 business days",
                        "system", ActorKind.SYSTEM, true, later));
    }

    @Test
    void theAutoCloseTimerOfAnEarlierResolutionOrOfAReopenedTicketClosesNothing() {
        Instant earlier = NOW.minusSeconds(3600);
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED))
                .when(new CloseResolvedTicketCommand(T, earlier, "late timer", NOW))
                .expectNoEvents();
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED), new TicketReopenedEvent(T, "still broken", CONTACT.userId(),
                        ActorKind.CONTACT, NOW))
                .when(new CloseResolvedTicketCommand(T, NOW, "late timer", NOW))
                .expectNoEvents();
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED), moved(RESOLVED, CLOSED))
                .when(new CloseResolvedTicketCommand(T, NOW, "repeated timer", NOW))
                .expectNoEvents();
    }

    @Test
    void aContactsReplyToAResolvedTicketReopensIt() {
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED))
                .when(new AddCommentCommand(T, "c-9", "It happens again", Visibility.PUBLIC, CONTACT, NOW, null))
                .expectEvents(new CommentAddedEvent(T, "c-9", CONTACT.userId(), ActorKind.CONTACT, Visibility.PUBLIC,
                                "It happens again", NOW),
                        new TicketReopenedEvent(T, "Customer replied", CONTACT.userId(), ActorKind.CONTACT, NOW));
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED))
                .when(new AddCommentCommand(T, "c-10", "Follow-up note", Visibility.PUBLIC, AGENT, NOW, null))
                .expectEvents(new CommentAddedEvent(T, "c-10", AGENT.userId(), ActorKind.STAFF, Visibility.PUBLIC,
                        "Follow-up note", NOW));
    }

    @Test
    void rejectsUpgradeWithoutJustification() {
        fixture.given(opened(CONTACT))
                .when(new ChangeSeverityCommand(T, Severity.S1, " ", AGENT, NOW, null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void upgradesWithJustificationAndDowngradesWithReason() {
        fixture.given(opened(CONTACT))
                .when(new ChangeSeverityCommand(T, Severity.S1, "All users locked out", AGENT, NOW, null))
                .expectEvents(new SeverityChangedEvent(T, Severity.S2, Severity.S1, "All users locked out", AGENT.userId(), NOW));
        fixture.given(opened(CONTACT))
                .when(new ChangeSeverityCommand(T, Severity.S4, "Workaround found", AGENT, NOW, null))
                .expectEvents(new SeverityChangedEvent(T, Severity.S2, Severity.S4, "Workaround found", AGENT.userId(), NOW));
        fixture.given(opened(CONTACT))
                .when(new ChangeSeverityCommand(T, Severity.S4, null, AGENT, NOW, null))
                .expectException(RuleViolationException.class);
        fixture.given(opened(CONTACT))
                .when(new ChangeSeverityCommand(T, Severity.S1, "because", CONTACT, NOW, null))
                .expectException(NotPermittedException.class);
    }

    @Test
    void anEscalationRequestNeverChangesSeverity() {
        fixture.given(opened(CONTACT))
                .when(new RequestEscalationCommand(T, "No answer for two days", CONTACT, NOW, null))
                .expectEvents(new EscalationRequestedEvent(T, ORG, "No answer for two days", CONTACT.userId(), ActorKind.CONTACT, NOW));
        fixture.given(opened(CONTACT), moved(NEW, RESOLVED))
                .when(new RequestEscalationCommand(T, "late", CONTACT, NOW, null))
                .expectException(StateConflictException.class);
    }

    @Test
    void agentsLogTimeAndReverseAnEntryOnce() {
        LocalDate day = LocalDate.of(2026, 6, 1);
        TimeEntryLoggedEvent logged = new TimeEntryLoggedEvent(T, ORG, "e1", AGENT.userId(), 90, RateKind.CONSULTANCY, day, "Config fix", NOW);
        fixture.given(opened(CONTACT))
                .when(new LogTimeCommand(T, "e1", 90, RateKind.CONSULTANCY, day, "Config fix", AGENT, NOW, null))
                .expectEvents(logged);
        fixture.given(opened(CONTACT), logged)
                .when(new ReverseTimeEntryCommand(T, "e1", "Wrong ticket", AGENT, NOW, null))
                .expectEvents(new TimeEntryReversedEvent(T, ORG, "e1", AGENT.userId(), 90, RateKind.CONSULTANCY, day, "Wrong ticket", AGENT.userId(), NOW));
        fixture.given(opened(CONTACT), logged, new TimeEntryReversedEvent(T, ORG, "e1", AGENT.userId(), 90, RateKind.CONSULTANCY, day, "x", AGENT.userId(), NOW))
                .when(new ReverseTimeEntryCommand(T, "e1", "again", AGENT, NOW, null))
                .expectException(StateConflictException.class);
        fixture.given(opened(CONTACT))
                .when(new ReverseTimeEntryCommand(T, "nope", "x", AGENT, NOW, null))
                .expectException(NotFoundException.class);
    }

    @Test
    void aStartInstantDatesTheEntryInTheOrganisationsTimeZone() {
        // 2026-06-01T20:30Z is 08:30 on 2 June in Pacific/Auckland (NZST, +12).
        Instant started = Instant.parse("2026-06-01T20:30:00Z");
        Instant logged = Instant.parse("2026-06-01T22:00:00Z");
        fixture.given(opened(CONTACT))
                .when(new LogTimeCommand(T, "e1", 45, RateKind.STANDARD, null, "Night call", AGENT, logged, null, started))
                .expectEvents(new TimeEntryLoggedEvent(T, ORG, "e1", AGENT.userId(), 45, RateKind.STANDARD,
                        LocalDate.of(2026, 6, 2), "Night call", logged, started));
        fixture.given(opened(CONTACT))
                .when(new LogTimeCommand(T, "e1", 45, RateKind.STANDARD, LocalDate.of(2026, 6, 2), "x", AGENT, logged, null, started))
                .expectSuccessfulHandlerExecution();
        fixture.given(opened(CONTACT))
                .when(new LogTimeCommand(T, "e1", 45, RateKind.STANDARD, LocalDate.of(2026, 6, 1), "x", AGENT, logged, null, started))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("2026-06-02"));
        fixture.given(opened(CONTACT))
                .when(new LogTimeCommand(T, "e1", 45, RateKind.STANDARD, null, "x", AGENT, logged, null, logged.plusSeconds(60)))
                .expectException(InvalidInputException.class);
        fixture.given(opened(CONTACT))
                .when(new LogTimeCommand(T, "e1", 45, RateKind.STANDARD, null, "x", AGENT, logged, null, null))
                .expectException(InvalidInputException.class);
    }

    @Test
    void timeEntriesNeedPositiveMinutesAndStaff() {
        LocalDate day = LocalDate.of(2026, 6, 1);
        fixture.given(opened(CONTACT))
                .when(new LogTimeCommand(T, "e1", 0, RateKind.STANDARD, day, "x", AGENT, NOW, null))
                .expectException(RuleViolationException.class);
        fixture.given(opened(CONTACT))
                .when(new LogTimeCommand(T, "e1", 30, RateKind.STANDARD, day, "x", CONTACT, NOW, null))
                .expectException(NotPermittedException.class);
    }

    @Test
    void attachmentsAreRecordedWithTheirChecksum() {
        fixture.given(opened(CONTACT))
                .when(new AddAttachmentCommand(T, "a1", "shot.png", "image/png", 120, "ab12", CONTACT, NOW, null))
                .expectEvents(new AttachmentAddedEvent(T, "a1", "shot.png", "image/png", 120, "ab12", CONTACT.userId(), NOW));
    }

    @Test
    void theSameEscalationLevelIsRecordedOnce() {
        EscalationLevelRecordedEvent recorded = new EscalationLevelRecordedEvent(T, "esc-1", 1, "SLA_BREACH", NOW);
        fixture.given(opened(CONTACT))
                .when(new RecordEscalationLevelCommand(T, "esc-1", 1, "SLA_BREACH", NOW))
                .expectEvents(recorded);
        fixture.given(opened(CONTACT), recorded)
                .when(new RecordEscalationLevelCommand(T, "esc-1", 1, "SLA_BREACH", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(opened(CONTACT), recorded)
                .when(new RecordEscalationLevelCommand(T, "esc-1", 2, "ACKNOWLEDGEMENT_TIMEOUT", NOW))
                .expectEvents(new EscalationLevelRecordedEvent(T, "esc-1", 2, "ACKNOWLEDGEMENT_TIMEOUT", NOW));
    }
}
