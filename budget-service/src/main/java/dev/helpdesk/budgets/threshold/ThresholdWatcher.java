package dev.helpdesk.budgets.threshold;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.SupportPeriod;
import dev.helpdesk.budgets.charging.ThresholdRule;
import dev.helpdesk.budgets.config.BudgetProperties;
import dev.helpdesk.budgets.projection.BudgetAccounts;
import dev.helpdesk.budgets.projection.IncomingEvent;
import dev.helpdesk.events.budget.BudgetEventTypes;
import dev.helpdesk.events.budget.BudgetThresholdCrossedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Raises each threshold once per organisation and period: the unique row in {@code threshold_crossed} decides,
 * and its outbox event is written in the same transaction. Called by the live consumer only, never by a rebuild.
 */
@Component
public class ThresholdWatcher {

    private final BudgetAccounts accounts;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final ThresholdRule rule;
    private final MeterRegistry registry;

    public ThresholdWatcher(BudgetAccounts accounts, JdbcTemplate jdbc, Outbox outbox, BudgetProperties properties,
                            MeterRegistry registry) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.rule = new ThresholdRule(properties.thresholds());
        this.registry = registry;
    }

    public void check(int generation, String organizationId, IncomingEvent cause) {
        accounts.load(generation, organizationId).ifPresent(account -> {
            for (SupportPeriod period : account.periods().all()) {
                check(account, period, cause);
            }
        });
    }

    private void check(BudgetAccount account, SupportPeriod period, IncomingEvent cause) {
        BigDecimal purchased = account.purchasedIn(period);
        BigDecimal consumed = account.consumedIn(period);
        List<Integer> raised = jdbc.queryForList(
                "select threshold from threshold_crossed where organization_id = ? and period_start = ?",
                Integer.class, account.organizationId(), Date.valueOf(period.start()));
        Instant at = cause.time() != null ? cause.time() : Instant.now();
        for (int threshold : rule.newlyReached(purchased, consumed, raised)) {
            int inserted = jdbc.update("""
                    insert into threshold_crossed (organization_id, period_start, threshold, period_end, purchased,
                        consumed, currency, crossed_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    account.organizationId(), Date.valueOf(period.start()), threshold, Date.valueOf(period.end()),
                    purchased, consumed, account.currency(), Timestamp.from(at));
            if (inserted == 1) {
                outbox.append(account.organizationId(), BudgetEventTypes.THRESHOLD_CROSSED, new BudgetThresholdCrossedEvent(
                        account.organizationId(), period.start(), period.end(), threshold, purchased, consumed,
                        account.currency(), at), at, cause.correlationId());
                registry.counter("helpdesk.budget.thresholds.crossed", "threshold", String.valueOf(threshold)).increment();
            }
        }
    }
}
