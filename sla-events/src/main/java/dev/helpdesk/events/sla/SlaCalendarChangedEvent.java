package dev.helpdesk.events.sla;

/** {@code helpdesk.sla.calendar-changed.v1}: an admin created or changed a calendar; it now has this version. */
public record SlaCalendarChangedEvent(String calendarId, long version) {
}
