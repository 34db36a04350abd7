package dev.helpdesk.events.organization;

import java.time.LocalDate;

/** An organisation's support period was changed; both dates are inclusive. */
public record SupportPeriodChangedEvent(String organizationId, LocalDate start, LocalDate end) {
}
