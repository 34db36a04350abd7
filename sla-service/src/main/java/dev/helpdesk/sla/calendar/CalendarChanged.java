package dev.helpdesk.sla.calendar;

/** An admin replaced a calendar: running clocks counted on it must be re-timed. */
public record CalendarChanged(String calendarId) {
}
