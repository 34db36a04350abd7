package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.SupportPeriod;
import dev.helpdesk.budgets.charging.Usage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code GET /api/budgets/{organizationId}}: the budget of one support period (the current one by default). */
public record BudgetView(
        String organizationId,
        String currency,
        SupportPeriod period,
        BigDecimal purchased,
        BigDecimal consumed,
        BigDecimal remaining,
        BigDecimal percentUsed,
        Map<String, Usage> byRate,
        List<TicketUsage> byTicket,
        List<AgentUsage> byAgent,
        List<Integer> thresholdsCrossed,
        List<SupportPeriod> periods) {

    public record TicketUsage(String ticketId, long minutes, BigDecimal amount) {
    }

    public record AgentUsage(String agentId, long minutes, BigDecimal amount) {
    }
}
