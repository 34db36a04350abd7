package dev.helpdesk.events.sla;

import java.time.LocalTime;

/** One span of working hours within a day, {@code from} inclusive, {@code to} exclusive, in local time. */
public record SlaBusinessHours(LocalTime from, LocalTime to) {
}
