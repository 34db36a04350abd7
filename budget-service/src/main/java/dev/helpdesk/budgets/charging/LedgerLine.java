package dev.helpdesk.budgets.charging;

import dev.helpdesk.events.RateKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of an organisation's timesheet: a logged time entry or the reversal of one. {@code minutes} is always
 * positive; a reversal counts negatively.
 */
public record LedgerLine(
        String entryId,
        Kind kind,
        String ticketId,
        String agentId,
        int minutes,
        RateKind rate,
        LocalDate workDate,
        String note,
        Instant recordedAt) {

    public enum Kind { LOGGED, REVERSED }

    public int signedMinutes() {
        return kind == Kind.REVERSED ? -minutes : minutes;
    }

    public BigDecimal amount(RateCard rates) {
        BigDecimal charge = Charges.of(minutes, rates.hourlyRate(rate));
        return kind == Kind.REVERSED ? charge.negate() : charge;
    }
}
