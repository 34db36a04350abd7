package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.LedgerLine;
import dev.helpdesk.budgets.charging.RateCard;
import dev.helpdesk.events.RateKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One timesheet line; a reversal shows negative minutes and amount. */
public record TimesheetRow(String entryId, LedgerLine.Kind kind, String ticketId, String agentId, LocalDate workDate,
                           RateKind rate, BigDecimal hourlyRate, int minutes, BigDecimal amount, String note,
                           Instant recordedAt) {

    static TimesheetRow of(LedgerLine line, RateCard rates) {
        return new TimesheetRow(line.entryId(), line.kind(), line.ticketId(), line.agentId(), line.workDate(),
                line.rate(), rates.hourlyRate(line.rate()), line.signedMinutes(), line.amount(rates), line.note(),
                line.recordedAt());
    }
}
