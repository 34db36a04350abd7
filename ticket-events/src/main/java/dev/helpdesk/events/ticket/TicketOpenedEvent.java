package dev.helpdesk.events.ticket;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Channel;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;

import java.time.Instant;

/**
 * A ticket was opened for an organisation. Carries the organisation's plan, calendar and time zone at opening, so
 * that a reader can start SLA clocks without having seen the organisation's own events first. {@code courseId}, {@code affectedUserEmail}, {@code pageUrl} may be null.
 */
public record TicketOpenedEvent(
        String ticketId,
        String key,
        String organizationId,
        Plan plan,
        CalendarKind calendar,
        String timeZone,
        TicketType type,
        Severity severity,
        String title,
        String description,
        Channel channel,
        String courseId,
        String affectedUserEmail,
        String pageUrl,
        String openedBy,
        ActorKind openedByKind,
        Instant openedAt) {
}
