package dev.helpdesk.budgets.charging;

import java.time.LocalDate;

/** A support period of an organisation, both dates inclusive; identified by its start date. */
public record SupportPeriod(LocalDate start, LocalDate end) {

    public SupportPeriod {
        if (start == null || end == null || end.isBefore(start)) {
            throw new IllegalArgumentException("a support period needs a start on or before its end");
        }
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }

    public boolean overlaps(SupportPeriod other) {
        return !other.end.isBefore(start) && !other.start.isAfter(end);
    }
}
