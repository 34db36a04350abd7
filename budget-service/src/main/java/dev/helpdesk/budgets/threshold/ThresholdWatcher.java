package dev.helpdesk.budgets.threshold;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.SupportPeriod;
import dev.helpdesk.budgets.charging.ThresholdRule;
import dev.helpdesk.budgets.config.BudgetProperties;
import dev.helpdesk.budgets.config.TopicNames;
import dev.helpdesk.budgets.projection.BudgetAccounts;
import dev.helpdesk.budgets.projection.IncomingEvent;
import dev.helpdesk.events.budget.BudgetEventTypes;
import dev.helpdesk.events.budget.BudgetThresholdCrossedEvent;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises each threshold once per organisation and period: the unique row in {@code threshold_crossed} decides,
 * and its outbox event is written in the same transaction. Called by the live consumer only, never by a rebuild.
 */
@Component
public class ThresholdWatcher {

    /** The stream of a budget event is its organisation. */
    public static final String AGGREGATE_TYPE = "Budget";

    private final BudgetAccounts accounts;
    private final JdbcTemplate jdbc;
    private final OutboxWriter outbox;
    private final TopicNames topics;
    private final ThresholdRule rule;
    private final MeterRegistry registry;

    public ThresholdWatcher(BudgetAccounts accounts, JdbcTemplate jdbc, OutboxWriter outbox, TopicNames topics,
                            BudgetProperties properties, MeterRegistry registry) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.topics = topics;
        this.rule = new ThresholdRule(properties.thresholds());
        this.registry = registry;
    }

    /**
     * Raises the thresholds the organisation's figures have newly reached, in each of its periods; {@code cause} is
     * the last event applied for it (its time is the crossing's time, its correlation id the outbox event's).
     */
    public void check(int generation, String organizationId, IncomingEvent cause) {
        accounts.load(generation, organizationId).ifPresent(account -> {
            Map<LocalDate, List<Integer>> raised = new HashMap<>();
            jdbc.query("select period_start, threshold from threshold_crossed where organization_id = ?",
                    row -> {
                        raised.computeIfAbsent(row.getDate(1).toLocalDate(), start -> new ArrayList<>()).add(row.getInt(2));
                    }, organizationId);
            List<OutboxEvent> crossings = new ArrayList<>();
            for (SupportPeriod period : account.periods().all()) {
                crossings.addAll(check(account, period, raised.getOrDefault(period.start(), List.of()), cause));
            }
            outbox.appendAll(crossings);
        });
    }

    private List<OutboxEvent> check(BudgetAccount account, SupportPeriod period, List<Integer> raised,
                                    IncomingEvent cause) {
        BigDecimal purchased = account.purchasedIn(period);
        BigDecimal consumed = account.consumedIn(period);
        Instant at = cause.time() != null ? cause.time() : Instant.now();
        List<OutboxEvent> crossings = new ArrayList<>();
        for (int threshold : rule.newlyReached(purchased, consumed, raised)) {
            int inserted = jdbc.update("""
                    insert into threshold_crossed (organization_id, period_start, threshold, period_end, purchased,
                        consumed, currency, crossed_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    account.organizationId(), Date.valueOf(period.start()), threshold, Date.valueOf(period.end()),
                    purchased, consumed, account.currency(), Timestamp.from(at));
            if (inserted == 1) {
                crossings.add(new OutboxEvent(topics.budgets(), account.organizationId(), AGGREGATE_TYPE,
                        BudgetEventTypes.THRESHOLD_CROSSED, at, "system", cause.correlationId(),
                        new BudgetThresholdCrossedEvent(
                        account.organizationId(), period.start(), period.end(), threshold, purchased, consumed,
                        account.currency(), at)));
                registry.counter("helpdesk.budget.thresholds.crossed", "threshold", String.valueOf(threshold)).increment();
            }
        }
        return crossings;
    }
}
