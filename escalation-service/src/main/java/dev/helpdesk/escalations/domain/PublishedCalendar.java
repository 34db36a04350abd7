package dev.helpdesk.escalations.domain;

import dev.helpdesk.businesstime.BusinessCalendar;

import java.time.Instant;
import java.util.Objects;

/**
 * An organisation's business calendar as the sla-service published it ({@code organization-calendar-changed}): it
 * counts from {@code effectiveFrom} until the next published calendar's {@code effectiveFrom}. {@code sequence} is the
 * event's position in the organisation's stream of the SLA topic: a lower one never replaces a higher one.
 */
public record PublishedCalendar(String calendarId, long calendarVersion, BusinessCalendar calendar, Instant effectiveFrom,
                                long sequence) {

    public PublishedCalendar {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    }
}
