package dev.helpdesk.budgets.charging;

import dev.helpdesk.businesstime.BusinessCalendar;

import java.time.Instant;
import java.util.Objects;

/**
 * An organisation's business calendar as sla-service published it ({@code organization-calendar-changed}: weekly
 * hours, public holidays, zone): in force from {@code effectiveFrom} until the next published calendar's.
 */
public record PublishedCalendar(Instant effectiveFrom, BusinessCalendar calendar) {

    public PublishedCalendar {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(calendar, "calendar");
    }
}
