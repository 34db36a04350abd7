package dev.helpdesk.budgets.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/budgets/{organizationId}/entries} as JSON: one page of lines, totals over all of them. */
public record Timesheet(String organizationId, String currency, LocalDate from, LocalDate to, List<TimesheetRow> items,
                        int page, int size, long totalItems, long totalMinutes, BigDecimal totalAmount) {
}
