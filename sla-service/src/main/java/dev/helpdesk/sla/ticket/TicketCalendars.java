package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.calendar.CalendarRepository;
import org.springframework.stereotype.Component;

/** The business calendar a ticket's clocks count on: its calendar's hours and holidays in the ticket's zone. */
@Component
public class TicketCalendars {

    private final CalendarRepository calendars;

    public TicketCalendars(CalendarRepository calendars) {
        this.calendars = calendars;
    }

    public BusinessCalendar of(SlaTicket ticket) {
        return calendars.find(ticket.calendarId())
                .orElseThrow(() -> new IllegalStateException("calendar " + ticket.calendarId() + " is missing"))
                .toBusinessCalendar(ticket.zone());
    }
}
