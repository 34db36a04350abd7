package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.escalations.escalation.EscalationService;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.events.sla.SlaBreachedEvent;
import dev.helpdesk.escalations.organization.OrganizationCalendars;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaOrganizationCalendarChangedEvent;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What escalation does with {@code helpdesk.sla.v1}: breaches and warnings may raise a level; an organisation's
 * published calendar is kept and moves its open deadlines; other types are skipped.
 */
@Component
public class SlaEventsHandler implements EventHandler {

    private final ObjectMapper json;
    private final EscalationService escalations;

    public SlaEventsHandler(ObjectMapper json, EscalationService escalations) {
        this.json = json;
        this.escalations = escalations;
    }

    @Override
    public boolean handles(String type) {
        return SlaEventTypes.BREACHED.equals(type) || SlaEventTypes.WARNING_REACHED.equals(type)
                || SlaEventTypes.ORGANIZATION_CALENDAR_CHANGED.equals(type);
    }

    @Override
    public Object decode(ReceivedEvent event) {
        if (SlaEventTypes.BREACHED.equals(event.type())) {
            return ReceivedEvents.data(json, event, SlaBreachedEvent.class, List.of("ticketId", "organizationId"));
        }
        if (SlaEventTypes.ORGANIZATION_CALENDAR_CHANGED.equals(event.type())) {
            return calendarOf(event);
        }
        SlaWarningReachedEvent warning = ReceivedEvents.data(json, event, SlaWarningReachedEvent.class,
                List.of("ticketId", "organizationId", "thresholdPercent"));
        if (warning.thresholdPercent() < 1 || warning.thresholdPercent() > 100) {
            throw new UnreadableEventException("data.thresholdPercent must be between 1 and 100");
        }
        return warning;
    }

    /**
     * A calendar that could never be counted on (no zone, overlapping hours, a week never open) or without its position
     * in the organisation's stream (needed to tell a newer calendar from an older one) is set aside.
     */
    private SlaOrganizationCalendarChangedEvent calendarOf(ReceivedEvent event) {
        SlaOrganizationCalendarChangedEvent calendar = ReceivedEvents.data(json, event, SlaOrganizationCalendarChangedEvent.class,
                List.of("organizationId", "calendarId", "timeZone", "weeklyHours", "effectiveFrom"));
        if (event.sequence() == null) {
            throw new UnreadableEventException("sequence is required (the order of an organisation's calendars)");
        }
        TimeZones.require(calendar.timeZone(), "data.timeZone");
        try {
            OrganizationCalendars.calendarOf(calendar.timeZone(), calendar.weeklyHours(), calendar.holidays());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableEventException("data is not a business calendar: " + e.getMessage());
        }
        return calendar;
    }

    @Override
    public void apply(InboundBatch batch) {
        batch.forEach(event -> {
            if (event.data() instanceof SlaBreachedEvent e) {
                escalations.onSlaBreach(e.ticketId(), e.organizationId(), e.severity());
            } else if (event.data() instanceof SlaWarningReachedEvent e) {
                escalations.onSlaWarning(e.ticketId(), e.organizationId(), e.severity(), e.thresholdPercent());
            } else if (event.data() instanceof SlaOrganizationCalendarChangedEvent e) {
                escalations.onOrganizationCalendarChanged(e, event.envelope().sequence());
            }
        });
    }
}
