package dev.helpdesk.sla.calendar;

/** An opening span as written in JSON: {@code {"from": "09:00", "to": "17:00"}}; {@code to} may be {@code 24:00}. */
public record SpanDocument(String from, String to) {
}
