package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.BurndownInterval;
import dev.helpdesk.budgets.charging.BurndownPoint;
import dev.helpdesk.budgets.charging.SupportPeriod;

import java.math.BigDecimal;
import java.util.List;

/** {@code GET /api/budgets/{organizationId}/burndown}: consumption per week or month and what remained after it. */
public record BurndownView(String organizationId, String currency, BurndownInterval interval, SupportPeriod period,
                           BigDecimal purchased, List<BurndownPoint> points) {
}
