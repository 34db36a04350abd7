package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.escalations.escalation.EscalationService;
import dev.helpdesk.escalations.organization.OrganizationCalendars;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.events.sla.SlaBreachedEvent;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaOrganizationCalendarChangedEvent;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.inbound.RequiredFields;
import dev.helpdesk.pipeline.inbound.RequiredFieldsHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * What escalation does with {@code helpdesk.sla.v1}: breaches and warnings may raise a level; an organisation's
 * published calendar is kept and moves its open deadlines; other types are skipped.
 */
@Component
public class SlaEventsHandler extends RequiredFieldsHandler {

    /** The types acted on, each with the data fields it cannot do without. */
    private static final RequiredFields REQUIRED = new RequiredFields(SlaEventTypes::classOf, Map.of(
            SlaBreachedEvent.class, List.of("ticketId", "organizationId"),
            SlaWarningReachedEvent.class, List.of("ticketId", "organizationId", "thresholdPercent"),
            SlaOrganizationCalendarChangedEvent.class,
            List.of("organizationId", "calendarId", "timeZone", "weeklyHours", "effectiveFrom")));

    private final EscalationService escalations;

    public SlaEventsHandler(ObjectMapper json, EscalationService escalations) {
        super(REQUIRED, json);
        this.escalations = escalations;
    }

    @Override
    protected void check(ReceivedEvent event, Object data) {
        if (data instanceof SlaWarningReachedEvent warning
                && (warning.thresholdPercent() < 1 || warning.thresholdPercent() > 100)) {
            throw new UnreadableEventException("data.thresholdPercent must be between 1 and 100");
        }
        if (data instanceof SlaOrganizationCalendarChangedEvent calendar) {
            checkCalendar(event, calendar);
        }
    }

    /**
     * A calendar that could never be counted on (no zone, overlapping hours, a week never open) or without its position
     * in the organisation's stream (needed to tell a newer calendar from an older one) is set aside.
     */
    private static void checkCalendar(ReceivedEvent event, SlaOrganizationCalendarChangedEvent calendar) {
        if (event.sequence() == null) {
            throw new UnreadableEventException("sequence is required (the order of an organisation's calendars)");
        }
        TimeZones.require(calendar.timeZone(), "data.timeZone");
        try {
            OrganizationCalendars.calendarOf(calendar.timeZone(), calendar.weeklyHours(), calendar.holidays());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableEventException("data is not a business calendar: " + e.getMessage());
        }
    }

    @Override
    protected void apply(InboundEvent event) {
        if (event.data() instanceof SlaBreachedEvent e) {
            escalations.onSlaBreach(e.ticketId(), e.organizationId(), e.severity());
        } else if (event.data() instanceof SlaWarningReachedEvent e) {
            escalations.onSlaWarning(e.ticketId(), e.organizationId(), e.severity(), e.thresholdPercent());
        } else if (event.data() instanceof SlaOrganizationCalendarChangedEvent e) {
            escalations.onOrganizationCalendarChanged(e, event.envelope().sequence());
        }
    }
}
