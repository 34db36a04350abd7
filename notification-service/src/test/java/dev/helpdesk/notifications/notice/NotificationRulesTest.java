package dev.helpdesk.notifications.notice;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.events.sla.SlaMetric;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is mailed about what: plain rules over a ticket's facts and one event. */
class NotificationRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final TicketFacts TICKET = new TicketFacts("t-1", "HD-1", "org-a", "Quiz broken", "contact-1", true,
            "agent-1");
    private static final TicketFacts OPENED_BY_STAFF = new TicketFacts("t-2", "HD-2", "org-a", "Upgrade", "agent-2",
            false, "agent-1");

    @Test
    void publicReplyBySupportMailsTheTicketsContactAsAContactOfItsOrganisation() {
        List<Notice> notices = NotificationRules.commentAdded(TICKET, comment("agent-1", ActorKind.STAFF, Visibility.PUBLIC));

        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.type()).isEqualTo(NotificationType.PUBLIC_REPLY);
            assertThat(notice.recipient()).isEqualTo(Recipient.contact("contact-1", "org-a"));
            assertThat(notice.recipient().contactOfOrganization()).isEqualTo("org-a");
            assertThat(notice.values()).containsEntry("body", "We are on it").containsEntry("ticketKey", "HD-1");
        });
    }

    @Test
    void internalNoteMailsNobody() {
        assertThat(NotificationRules.commentAdded(TICKET, comment("agent-1", ActorKind.STAFF, Visibility.INTERNAL))).isEmpty();
        assertThat(NotificationRules.commentAdded(TICKET, comment("agent-2", ActorKind.STAFF, Visibility.INTERNAL))).isEmpty();
    }

    @Test
    void contactsReplyMailsTheAssigneeButNotTheContact() {
        List<Notice> notices = NotificationRules.commentAdded(TICKET, comment("contact-1", ActorKind.CONTACT, Visibility.PUBLIC));

        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.type()).isEqualTo(NotificationType.CONTACT_REPLY);
            assertThat(notice.recipient()).isEqualTo(Recipient.staff("agent-1"));
            assertThat(notice.recipient().isContact()).isFalse();
        });
    }

    @Test
    void contactsReplyOnAnUnassignedTicketMailsNobody() {
        TicketFacts unassigned = new TicketFacts("t-1", "HD-1", "org-a", "Quiz broken", "contact-1", true, null);

        assertThat(NotificationRules.commentAdded(unassigned, comment("contact-1", ActorKind.CONTACT, Visibility.PUBLIC))).isEmpty();
    }

    @Test
    void aTicketOpenedByStaffHasNoContactToMail() {
        assertThat(NotificationRules.commentAdded(OPENED_BY_STAFF, comment("agent-1", ActorKind.STAFF, Visibility.PUBLIC))).isEmpty();
        assertThat(NotificationRules.statusChanged(OPENED_BY_STAFF, status(TicketStatus.RESOLVED, "agent-1", ActorKind.STAFF, false))).isEmpty();
        assertThat(NotificationRules.slaWarning(OPENED_BY_STAFF, warning())).isEmpty();
    }

    @Test
    void statusChangeBySupportMailsTheContactWithTheResolution() {
        List<Notice> notices = NotificationRules.statusChanged(TICKET, status(TicketStatus.RESOLVED, "agent-1", ActorKind.STAFF, false));

        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.type()).isEqualTo(NotificationType.STATUS_CHANGED);
            assertThat(notice.recipient()).isEqualTo(Recipient.contact("contact-1", "org-a"));
            assertThat(notice.values()).containsEntry("to", "RESOLVED").containsEntry("resolution", "Cache cleared");
        });
    }

    @Test
    void statusChangesTheContactMadeOrThatFollowedFromAnotherActionMailNobody() {
        assertThat(NotificationRules.statusChanged(TICKET, status(TicketStatus.CLOSED, "contact-1", ActorKind.CONTACT, false))).isEmpty();
        assertThat(NotificationRules.statusChanged(TICKET, status(TicketStatus.IN_PROGRESS, "agent-1", ActorKind.STAFF, true))).isEmpty();
    }

    @Test
    void slaWarningMailsTheContact() {
        assertThat(NotificationRules.slaWarning(TICKET, warning())).singleElement().satisfies(notice -> {
            assertThat(notice.type()).isEqualTo(NotificationType.SLA_WARNING);
            assertThat(notice.recipient()).isEqualTo(Recipient.contact("contact-1", "org-a"));
            assertThat(notice.values()).containsEntry("percent", "75").containsEntry("metric", "resolution");
        });
    }

    @Test
    void escalationAtLevelOneMailsTheSupportManagerAndConfiguredManagersButNotTheRelationshipManager() {
        List<Notice> notices = NotificationRules.escalationRaised(TICKET, raised(1, "SLA_BREACH"), "manager-1",
                "rm@customer.example", List.of("head@desk.example"));

        assertThat(notices).extracting(Notice::recipient)
                .containsExactly(Recipient.staff("manager-1"), Recipient.address("head@desk.example"));
        assertThat(notices).allSatisfy(notice -> {
            assertThat(notice.type()).isEqualTo(NotificationType.ESCALATION_RAISED);
            assertThat(notice.values()).containsEntry("acknowledgeBy", "2026-12-04T11:00:00Z");
        });
    }

    @Test
    void fromLevelTwoTheRelationshipManagerIsToldToo() {
        List<Notice> notices = NotificationRules.escalationRaised(TICKET, raised(2, "CUSTOMER_REQUEST"), "manager-1",
                "rm@customer.example", List.of());

        assertThat(notices).extracting(Notice::recipient)
                .containsExactly(Recipient.staff("manager-1"), Recipient.address("rm@customer.example"));
    }

    @Test
    void anEscalationWhoseDeadlinePassedIsTheOverdueMailAndNamesEachPersonOnce() {
        List<Notice> notices = NotificationRules.escalationRaised(TICKET, raised(3, "ACKNOWLEDGEMENT_TIMEOUT"),
                "head@desk.example", "HEAD@desk.example", List.of("head@desk.example"));

        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.type()).isEqualTo(NotificationType.ESCALATION_OVERDUE);
            assertThat(notice.recipient()).isEqualTo(Recipient.address("head@desk.example"));
        });
    }

    @Test
    void anEscalationOfAnOrganisationWithoutManagersMailsOnlyTheConfiguredOnes() {
        assertThat(NotificationRules.escalationRaised(TICKET, raised(2, "SLA_BREACH"), null, " ", List.of())).isEmpty();
    }

    private static CommentAddedEvent comment(String author, ActorKind kind, Visibility visibility) {
        return new CommentAddedEvent("t-1", "c-1", author, kind, visibility, "We are on it", NOW);
    }

    private static TicketStatusChangedEvent status(TicketStatus to, String by, ActorKind kind, boolean automatic) {
        return new TicketStatusChangedEvent("t-1", TicketStatus.IN_PROGRESS, to, null, by, kind, automatic, NOW,
                to == TicketStatus.RESOLVED ? "Cache cleared" : null);
    }

    private static SlaWarningReachedEvent warning() {
        return new SlaWarningReachedEvent("t-1", "org-a", SlaMetric.RESOLUTION, Severity.S2, 75, NOW.plusSeconds(3600), NOW);
    }

    private static EscalationRaisedEvent raised(int level, String trigger) {
        return new EscalationRaisedEvent("e-1", "t-1", "org-a", level, "Level " + level, trigger, NOW,
                NOW.plusSeconds(3600));
    }
}
