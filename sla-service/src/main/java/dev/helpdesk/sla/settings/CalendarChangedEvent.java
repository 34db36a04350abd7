package dev.helpdesk.sla.settings;

/** {@code helpdesk.sla.calendar-changed.v1}: an admin created or changed a calendar; it now has this version. */
public record CalendarChangedEvent(String calendarId, long version) {
}
