package dev.helpdesk.sla.ticket;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.sla.settings.SettingsCache;
import org.springframework.stereotype.Component;

/** The business calendar a ticket's clocks count on: its calendar's hours and holidays in the ticket's zone. */
@Component
public class TicketCalendars {

    private final SettingsCache settings;

    public TicketCalendars(SettingsCache settings) {
        this.settings = settings;
    }

    public BusinessCalendar of(SlaTicket ticket) {
        return settings.calendar(ticket.calendarId(), ticket.zone());
    }
}
