package dev.helpdesk.notifications.notice;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is mailed about what (docs/notifications.md). Plain rules over the ticket's facts and one event each; nobody is
 * mailed about what they did themselves, an internal note mails nobody, and only the ticket's own contact is ever
 * mailed as a contact.
 */
public final class NotificationRules {

    /** Escalations reached by an unacknowledged level carry this trigger. */
    public static final String ACKNOWLEDGEMENT_TIMEOUT = "ACKNOWLEDGEMENT_TIMEOUT";
    /** From this level on the organisation's relationship manager is told as well (DOMAIN.md). */
    public static final int RELATIONSHIP_MANAGER_LEVEL = 2;

    private NotificationRules() {
    }

    /**
     * A public comment by support mails the ticket's contact; a public comment by the contact mails the assignee.
     * Internal notes mail nobody.
     */
    public static List<Notice> commentAdded(TicketFacts ticket, CommentAddedEvent comment) {
        if (comment.visibility() != Visibility.PUBLIC) {
            return List.of();
        }
        Map<String, String> values = ticketValues(ticket);
        values.put("author", text(comment.authorId()));
        values.put("body", text(comment.body()));
        if (comment.authorKind() == ActorKind.STAFF && ticket.hasContact() && !ticket.openedBy().equals(comment.authorId())) {
            return List.of(new Notice(NotificationType.PUBLIC_REPLY,
                    Recipient.contact(ticket.openedBy(), ticket.organizationId()), values));
        }
        if (comment.authorKind() == ActorKind.CONTACT && ticket.assignee() != null
                && !ticket.assignee().equals(comment.authorId())) {
            return List.of(new Notice(NotificationType.CONTACT_REPLY, Recipient.staff(ticket.assignee()), values));
        }
        return List.of();
    }

    /**
     * A status change made by someone (not one that followed from another action, such as the first public reply,
     * which has its own mail) mails the contact, unless the contact made it.
     */
    public static List<Notice> statusChanged(TicketFacts ticket, TicketStatusChangedEvent change) {
        if (change.automatic() || !ticket.hasContact() || ticket.openedBy().equals(change.changedBy())
                || change.changedByKind() == ActorKind.CONTACT) {
            return List.of();
        }
        Map<String, String> values = ticketValues(ticket);
        values.put("from", change.from() == null ? "" : change.from().name());
        values.put("to", change.to() == null ? "" : change.to().name());
        values.put("resolution", text(change.resolution()));
        values.put("reason", text(change.reason()));
        return List.of(new Notice(NotificationType.STATUS_CHANGED,
                Recipient.contact(ticket.openedBy(), ticket.organizationId()), values));
    }

    /** An SLA warning of a ticket mails its contact. */
    public static List<Notice> slaWarning(TicketFacts ticket, SlaWarningReachedEvent warning) {
        if (!ticket.hasContact()) {
            return List.of();
        }
        Map<String, String> values = ticketValues(ticket);
        values.put("metric", warning.metric() == null ? "" : warning.metric().name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT));
        values.put("percent", Integer.toString(warning.thresholdPercent()));
        values.put("dueAt", instant(warning.dueAt()));
        return List.of(new Notice(NotificationType.SLA_WARNING,
                Recipient.contact(ticket.openedBy(), ticket.organizationId()), values));
    }

    /**
     * An escalation mails the managers: the organisation's support manager, the configured managers, and from level 2
     * the relationship manager. An escalation raised because the previous level's acknowledgement deadline passed is
     * the "overdue" mail. Each person once.
     */
    public static List<Notice> escalationRaised(TicketFacts ticket, EscalationRaisedEvent raised, String supportManager,
                                                String relationshipManager, List<String> managerAddresses) {
        NotificationType type = ACKNOWLEDGEMENT_TIMEOUT.equals(raised.trigger())
                ? NotificationType.ESCALATION_OVERDUE : NotificationType.ESCALATION_RAISED;
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        if (supportManager != null && !supportManager.isBlank()) {
            add(recipients, Recipient.named(supportManager.trim()));
        }
        managerAddresses.forEach(address -> add(recipients, Recipient.address(address)));
        if (raised.level() >= RELATIONSHIP_MANAGER_LEVEL && relationshipManager != null && !relationshipManager.isBlank()) {
            add(recipients, Recipient.named(relationshipManager.trim()));
        }
        Map<String, String> values = ticketValues(ticket);
        values.put("level", Integer.toString(raised.level()));
        values.put("levelName", text(raised.levelName()));
        values.put("trigger", text(raised.trigger()));
        values.put("acknowledgeBy", instant(raised.acknowledgeBy()));
        List<Notice> notices = new ArrayList<>();
        recipients.values().forEach(recipient -> notices.add(new Notice(type, recipient, values)));
        return notices;
    }

    private static void add(Map<String, Recipient> recipients, Recipient recipient) {
        recipients.putIfAbsent(recipient.identity(), recipient);
    }

    private static Map<String, String> ticketValues(TicketFacts ticket) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ticketId", ticket.ticketId());
        values.put("ticketKey", ticket.label());
        values.put("title", text(ticket.title()));
        values.put("organizationId", ticket.organizationId());
        return values;
    }

    private static String instant(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
