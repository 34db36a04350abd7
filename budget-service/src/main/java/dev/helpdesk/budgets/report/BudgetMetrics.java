package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.BudgetStatement;
import dev.helpdesk.budgets.projection.BudgetAccounts;
import dev.helpdesk.budgets.projection.Generations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code helpdesk_budget_consumed{organization, rate, currency}}: money consumed in each organisation's current
 * support period by rate, and {@code helpdesk_budget_percent_used{organization}}, recomputed on a schedule.
 */
@Component
public class BudgetMetrics {

    private static final Logger log = LoggerFactory.getLogger(BudgetMetrics.class);
    /** Accounts read together: a refresh costs a few statements per this many organisations, not four for each. */
    private static final int ORGANIZATIONS_PER_READ = 500;

    private final Generations generations;
    private final BudgetAccounts accounts;
    private final Clock clock;
    private final MultiGauge consumed;
    private final MultiGauge percentUsed;

    public BudgetMetrics(Generations generations, BudgetAccounts accounts, Clock clock, MeterRegistry registry) {
        this.generations = generations;
        this.accounts = accounts;
        this.clock = clock;
        this.consumed = MultiGauge.builder("helpdesk.budget.consumed").baseUnit("currency")
                .description("budget consumed in the current support period").register(registry);
        this.percentUsed = MultiGauge.builder("helpdesk.budget.percent.used")
                .description("percent of the current period's budget consumed").register(registry);
    }

    @Scheduled(fixedDelayString = "${helpdesk.budgets.metrics-refresh-interval}", initialDelay = 1000)
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void refresh() {
        try {
            List<MultiGauge.Row<?>> consumedRows = new ArrayList<>();
            List<MultiGauge.Row<?>> percentRows = new ArrayList<>();
            int generation = generations.active();
            List<String> organizations = accounts.organizations(generation);
            for (int from = 0; from < organizations.size(); from += ORGANIZATIONS_PER_READ) {
                accounts.loadAll(generation, organizations.subList(from,
                                Math.min(organizations.size(), from + ORGANIZATIONS_PER_READ)))
                        .forEach(account -> addRows(account, consumedRows, percentRows));
            }
            consumed.register(consumedRows, true);
            percentUsed.register(percentRows, true);
        } catch (RuntimeException e) {
            log.warn("Could not refresh budget metrics: {}", e.toString());
        }
    }

    private void addRows(BudgetAccount account, List<MultiGauge.Row<?>> consumedRows, List<MultiGauge.Row<?>> percentRows) {
        account.periods().current(LocalDate.now(clock)).ifPresent(period -> {
            BudgetStatement statement = account.statement(period);
            String currency = account.currency() == null ? "" : account.currency();
            statement.byRate().forEach((rate, usage) -> consumedRows.add(MultiGauge.Row.of(
                    Tags.of("organization", account.organizationId(), "rate", rate.name(), "currency", currency),
                    usage.amount().doubleValue())));
            if (statement.percentUsed() != null) {
                percentRows.add(MultiGauge.Row.of(Tags.of("organization", account.organizationId()),
                        statement.percentUsed().doubleValue()));
            }
        });
    }
}
