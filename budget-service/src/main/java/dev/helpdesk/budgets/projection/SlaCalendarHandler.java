package dev.helpdesk.budgets.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaOrganizationCalendarChangedEvent;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.inbound.RequiredFields;
import dev.helpdesk.pipeline.inbound.RequiredFieldsHandler;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.util.List;
import java.util.Map;

/**
 * What the budget does with {@code helpdesk.sla.v1}: keeps each organisation's published calendar
 * ({@code organization-calendar-changed}) for the out-of-hours marks; every other type is skipped. Idempotent in its
 * own terms (the organisation's stream sequence), so the pipeline's de-duplication (per generation in this service)
 * is off.
 */
@Component
public class SlaCalendarHandler extends RequiredFieldsHandler {

    /** The type acted on, with the data fields it cannot do without. */
    private static final RequiredFields REQUIRED = new RequiredFields(SlaEventTypes::classOf, Map.of(
            SlaOrganizationCalendarChangedEvent.class,
            List.of("organizationId", "calendarId", "timeZone", "weeklyHours", "effectiveFrom")));

    private final OrganizationCalendars calendars;

    public SlaCalendarHandler(ObjectMapper json, OrganizationCalendars calendars) {
        super(REQUIRED, json);
        this.calendars = calendars;
    }

    /**
     * A calendar that could never be counted on (no IANA zone, an incomplete or overlapping span, a week never open)
     * or without its position in the organisation's stream (which tells a newer calendar from an older one) is set
     * aside.
     */
    @Override
    protected void check(ReceivedEvent event, Object data) {
        SlaOrganizationCalendarChangedEvent calendar = (SlaOrganizationCalendarChangedEvent) data;
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
    }

    @Override
    public boolean deduplicates() {
        return false;
    }

    @Override
    protected void apply(InboundEvent event) {
        calendars.store((SlaOrganizationCalendarChangedEvent) event.data(), event.envelope().sequence());
    }
}
