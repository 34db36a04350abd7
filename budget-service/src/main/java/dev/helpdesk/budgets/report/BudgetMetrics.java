package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.BudgetStatement;
import dev.helpdesk.budgets.charging.ThresholdRule;
import dev.helpdesk.budgets.config.BudgetProperties;
import dev.helpdesk.budgets.projection.BudgetAccounts;
import dev.helpdesk.budgets.projection.Generations;
import dev.helpdesk.events.RateKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Budget gauges over all organisations together, recomputed on a schedule: {@code helpdesk_budget_consumed{rate,
 * currency}} (money consumed in the organisations' current support periods), {@code
 * helpdesk_budget_organizations_active} (organisations with a current period) and {@code
 * helpdesk_budget_organizations_reached{threshold}} (how many of them reached each configured threshold). No
 * organisation appears in a metric: metrics are read by operators who may see no tenant's budget (docs/security.md,
 * "Exposure"); one organisation's figures are the budget API's, behind its checks.
 */
@Component
public class BudgetMetrics {

    private static final Logger log = LoggerFactory.getLogger(BudgetMetrics.class);
    /** Accounts read together: a refresh costs a few statements per this many organisations, not four for each. */
    private static final int ORGANIZATIONS_PER_READ = 500;

    private final Generations generations;
    private final BudgetAccounts accounts;
    private final Clock clock;
    private final ThresholdRule thresholds;
    private final MultiGauge consumed;
    private final MultiGauge reached;
    private final AtomicInteger active = new AtomicInteger();

    public BudgetMetrics(Generations generations, BudgetAccounts accounts, Clock clock, BudgetProperties properties,
                         MeterRegistry registry) {
        this.generations = generations;
        this.accounts = accounts;
        this.clock = clock;
        this.thresholds = new ThresholdRule(properties.thresholds());
        this.consumed = MultiGauge.builder("helpdesk.budget.consumed").baseUnit("currency")
                .description("budget consumed in the organisations' current support periods, all organisations together")
                .register(registry);
        this.reached = MultiGauge.builder("helpdesk.budget.organizations.reached")
                .description("organisations whose consumption in the current period reached the threshold (percent)")
                .register(registry);
        registry.gauge("helpdesk.budget.organizations.active", Tags.empty(), active);
    }

    @Scheduled(fixedDelayString = "${helpdesk.budgets.metrics-refresh-interval}", initialDelay = 1000)
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void refresh() {
        try {
            Totals totals = new Totals(thresholds.thresholds());
            int generation = generations.active();
            List<String> organizations = accounts.organizations(generation);
            for (int from = 0; from < organizations.size(); from += ORGANIZATIONS_PER_READ) {
                accounts.loadAll(generation, organizations.subList(from,
                                Math.min(organizations.size(), from + ORGANIZATIONS_PER_READ)))
                        .forEach(totals::add);
            }
            consumed.register(totals.consumedRows(), true);
            reached.register(totals.reachedRows(), true);
            active.set(totals.withCurrentPeriod);
        } catch (RuntimeException e) {
            log.warn("Could not refresh budget metrics: {}", e.toString());
        }
    }

    /** Sums over the organisations' current periods; amounts of different currencies are never added together. */
    private final class Totals {

        private final Map<String, Map<RateKind, BigDecimal>> consumedByCurrency = new TreeMap<>();
        private final Map<Integer, Integer> reachedByThreshold = new TreeMap<>();
        private int withCurrentPeriod;

        Totals(List<Integer> thresholds) {
            thresholds.forEach(threshold -> reachedByThreshold.put(threshold, 0));
        }

        void add(BudgetAccount account) {
            account.periods().current(LocalDate.now(clock)).ifPresent(period -> {
                BudgetStatement statement = account.statement(period);
                String currency = account.currency() == null ? "" : account.currency();
                Map<RateKind, BigDecimal> byRate = consumedByCurrency.computeIfAbsent(currency, c -> new TreeMap<>());
                statement.byRate().forEach((rate, usage) -> byRate.merge(rate, usage.amount(), BigDecimal::add));
                thresholds.reached(statement.purchased(), statement.consumed())
                        .forEach(threshold -> reachedByThreshold.merge(threshold, 1, Integer::sum));
                withCurrentPeriod++;
            });
        }

        List<MultiGauge.Row<?>> consumedRows() {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            consumedByCurrency.forEach((currency, byRate) -> byRate.forEach((rate, amount) -> rows.add(
                    MultiGauge.Row.of(Tags.of("rate", rate.name(), "currency", currency), amount.doubleValue()))));
            return rows;
        }

        List<MultiGauge.Row<?>> reachedRows() {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            reachedByThreshold.forEach((threshold, organizations) -> rows.add(
                    MultiGauge.Row.of(Tags.of("threshold", threshold.toString()), organizations)));
            return rows;
        }
    }
}
