package dev.helpdesk.budgets.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaOrganizationCalendarChangedEvent;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.util.List;

/**
 * What the budget does with {@code helpdesk.sla.v1}: keeps each organisation's published calendar
 * ({@code organization-calendar-changed}) for the out-of-hours marks; every other type is skipped. Idempotent in its
 * own terms (the organisation's stream sequence), so the pipeline's de-duplication (per generation in this service)
 * is off.
 */
@Component
public class SlaCalendarHandler implements EventHandler {

    private final ObjectMapper json;
    private final OrganizationCalendars calendars;

    public SlaCalendarHandler(ObjectMapper json, OrganizationCalendars calendars) {
        this.json = json;
        this.calendars = calendars;
    }

    @Override
    public boolean handles(String type) {
        return SlaEventTypes.ORGANIZATION_CALENDAR_CHANGED.equals(type);
    }

    /**
     * A calendar that could never be counted on (no IANA zone, an incomplete or overlapping span, a week never open)
     * or without its position in the organisation's stream (which tells a newer calendar from an older one) is set
     * aside.
     */
    @Override
    public Object decode(ReceivedEvent event) {
        SlaOrganizationCalendarChangedEvent calendar = ReceivedEvents.data(json, event,
                SlaOrganizationCalendarChangedEvent.class,
                List.of("organizationId", "calendarId", "timeZone", "weeklyHours", "effectiveFrom"));
        if (event.sequence() == null) {
            throw new UnreadableEventException("sequence is required (the order of an organisation's calendars)");
        }
        try {
            OrganizationCalendars.calendarOf(calendar.timeZone(), calendar.weeklyHours(), calendar.holidays());
        } catch (DateTimeException e) {
            throw new UnreadableEventException("data.timeZone is not an IANA time zone");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableEventException("data is not a business calendar: " + e.getMessage());
        }
        return calendar;
    }

    @Override
    public boolean deduplicates() {
        return false;
    }

    @Override
    public void apply(InboundBatch batch) {
        batch.forEach(event -> calendars.store((SlaOrganizationCalendarChangedEvent) event.data(),
                event.envelope().sequence()));
    }
}
