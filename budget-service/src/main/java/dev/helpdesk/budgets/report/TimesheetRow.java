package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.LedgerLine;
import dev.helpdesk.budgets.charging.RateCard;
import dev.helpdesk.events.RateKind;
import io.swagger.v3.oas.annotations.media.Schema;

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
                           Instant recordedAt, String activity, Instant startedAt,
                           @Schema(description = OUT_OF_HOURS, nullable = true) Boolean outOfHours) {

    static final String OUT_OF_HOURS = "Whether the work began outside the organisation's coverage hours then: on the "
            + "calendar sla-service published and in force at startedAt (its weekly hours and public holidays, in its "
            + "zone), or, before any was published, Monday to Friday 09:00-17:00 in the organisation's zone (never for "
            + "24x7). Null when startedAt is unknown, or no calendar was published and the calendar kind or zone is "
            + "unknown. A reversal has its entry's mark. Informational: it does not change the charge.";

    static TimesheetRow of(LedgerLine line, BudgetAccount account) {
        RateCard rates = account.ratesFor(line);
        return new TimesheetRow(line.entryId(), line.kind(), line.ticketId(), line.agentId(), line.workDate(),
                line.rate(), rates.hourlyRate(line.rate()), line.signedMinutes(), line.amount(rates), line.note(),
                line.recordedAt(), line.activity(), line.startedAt(), account.outOfHours(line));
    }
}
