package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.LedgerLine;
import dev.helpdesk.budgets.charging.RateCard;
import dev.helpdesk.events.RateKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One timesheet line; a reversal shows negative minutes and amount. Time against the organisation itself has no
 * {@code ticketId} and names its {@code activity}; {@code hourlyRate} is the rate in effect when the work began;
 * {@code outOfHours} is null when the work's start or the organisation's calendar is unknown.
 */
public record TimesheetRow(String entryId, LedgerLine.Kind kind, String ticketId, String agentId, LocalDate workDate,
                           RateKind rate, BigDecimal hourlyRate, int minutes, BigDecimal amount, String note,
                           Instant recordedAt, String activity, Instant startedAt, Boolean outOfHours) {

    static TimesheetRow of(LedgerLine line, BudgetAccount account) {
        RateCard rates = account.ratesFor(line);
        return new TimesheetRow(line.entryId(), line.kind(), line.ticketId(), line.agentId(), line.workDate(),
                line.rate(), rates.hourlyRate(line.rate()), line.signedMinutes(), line.amount(rates), line.note(),
                line.recordedAt(), line.activity(), line.startedAt(), account.outOfHours(line));
    }
}
