/**
 * Business-hours arithmetic on calendars: {@link dev.helpdesk.businesstime.BusinessCalendar} (weekly
 * {@link dev.helpdesk.businesstime.OpeningSpan}s, whole-day holidays, an IANA zone). Plain Java, no Spring.
 */
package dev.helpdesk.businesstime;
