package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.tickets.domain.InvalidInputException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The work date of a time entry from what the agent gave: the date itself, its start instant, or both. A start
 * instant dates the entry in the organisation's time zone; a date given with it must be that date.
 */
public final class TimeEntryDates {

    private TimeEntryDates() {
    }

    /**
     * The entry's work date. Refuses (400, field named) neither date nor start, a start after {@code loggedAt}
     * (work is logged once begun), or a date that is not the start's date in {@code zone}.
     */
    public static LocalDate workDate(LocalDate given, Instant startedAt, Instant loggedAt, ZoneId zone) {
        if (startedAt == null) {
            if (given == null) {
                throw new InvalidInputException("workDate", "must not be null unless startedAt is given");
            }
            return given;
        }
        if (loggedAt != null && startedAt.isAfter(loggedAt)) {
            throw new InvalidInputException("startedAt", "must not be in the future");
        }
        LocalDate derived = LocalDate.ofInstant(startedAt, zone);
        if (given != null && !given.equals(derived)) {
            throw new InvalidInputException("workDate", "must be the date of startedAt in the organisation's time zone "
                    + zone.getId() + " (" + derived + "), or be left out");
        }
        return derived;
    }
}
