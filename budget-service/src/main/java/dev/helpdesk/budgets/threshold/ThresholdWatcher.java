package dev.helpdesk.budgets.threshold;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.LedgerLine;
import dev.helpdesk.budgets.charging.PeriodConsumption;
import dev.helpdesk.budgets.charging.SupportPeriod;
import dev.helpdesk.budgets.charging.ThresholdRule;
import dev.helpdesk.budgets.config.BudgetProperties;
import dev.helpdesk.budgets.config.TopicNames;
import dev.helpdesk.budgets.projection.BudgetAccounts;
import dev.helpdesk.budgets.projection.ConsumptionTotals;
import dev.helpdesk.budgets.projection.IncomingEvent;
import dev.helpdesk.budgets.projection.ProjectionWriter.NewLine;
import dev.helpdesk.events.budget.BudgetEventTypes;
import dev.helpdesk.events.budget.BudgetThresholdCrossedEvent;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Raises each threshold once per organisation and period: the unique row in {@code threshold_crossed} decides,
 * and its outbox event is written in the same transaction. Called by the live consumer only, never by a rebuild.
 * <p>
 * The money consumed per period comes from running totals ({@link ConsumptionTotals}), moved by the lines a poll
 * added: a check costs the same few statements for a batch of organisations whatever the size of their ledgers. An
 * organisation without totals (the first check, or after a fact that re-prices its lines) has them computed from its
 * whole ledger once, counted by {@code helpdesk.budget.totals.recomputed} (docs/budget-time.md, "Running totals").
 */
@Component
public class ThresholdWatcher {

    /** The stream of a budget event is its organisation. */
    public static final String AGGREGATE_TYPE = "Budget";

    private final BudgetAccounts accounts;
    private final ConsumptionTotals totals;
    private final JdbcTemplate jdbc;
    private final OutboxWriter outbox;
    private final TopicNames topics;
    private final ThresholdRule rule;
    private final MeterRegistry registry;
    private final Counter recomputed;

    public ThresholdWatcher(BudgetAccounts accounts, ConsumptionTotals totals, JdbcTemplate jdbc, OutboxWriter outbox,
                            TopicNames topics, BudgetProperties properties, MeterRegistry registry) {
        this.accounts = accounts;
        this.totals = totals;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.topics = topics;
        this.rule = new ThresholdRule(properties.thresholds());
        this.registry = registry;
        this.recomputed = Counter.builder("helpdesk.budget.totals.recomputed")
                .description("Organisations whose consumption per period was computed from their whole ledger")
                .register(registry);
    }

    /** A threshold an organisation's figures reached in a period, not raised before. */
    public record Crossing(SupportPeriod period, int threshold, BigDecimal purchased, BigDecimal consumed,
                           String currency) {
    }

    /**
     * The thresholds the organisations' figures have newly reached, in each of their periods, after {@code newLines}
     * (the lines this transaction added to the generation); their running totals are brought up to date on the way.
     */
    public Map<String, List<Crossing>> newlyCrossed(int generation, Collection<String> organizationIds,
                                                    List<NewLine> newLines) {
        List<String> ids = List.copyOf(organizationIds);
        Map<String, PeriodConsumption> stored = totals.load(generation, ids);
        Map<String, List<NewLine>> added = new HashMap<>();
        newLines.stream().filter(line -> stored.containsKey(line.organizationId()))
                .forEach(line -> added.computeIfAbsent(line.organizationId(), id -> new ArrayList<>()).add(line));
        Set<String> stale = new HashSet<>();
        Map<String, List<LedgerLine>> priced = completed(generation, added, stale);

        List<String> known = ids.stream().filter(id -> stored.containsKey(id) && !stale.contains(id)).toList();
        Set<String> knownSet = new HashSet<>(known);
        List<String> unknown = ids.stream().filter(id -> !knownSet.contains(id)).toList();
        Map<String, PeriodConsumption> next = new LinkedHashMap<>();
        List<BudgetAccount> checked = new ArrayList<>();
        for (BudgetAccount account : known.isEmpty() ? List.<BudgetAccount>of() : accounts.loadTerms(generation, known)) {
            next.put(account.organizationId(), stored.get(account.organizationId())
                    .plus(account, priced.getOrDefault(account.organizationId(), List.of())));
            checked.add(account);
        }
        for (BudgetAccount account : unknown.isEmpty() ? List.<BudgetAccount>of() : accounts.loadAll(generation, unknown)) {
            next.put(account.organizationId(), PeriodConsumption.of(account));
            checked.add(account);
            recomputed.increment();
        }
        Map<String, PeriodConsumption> changed = new LinkedHashMap<>(next);
        changed.keySet().removeIf(id -> knownSet.contains(id) && !priced.containsKey(id));
        totals.save(generation, changed);

        Map<String, Map<LocalDate, Set<Integer>>> raised = raised(ids);
        Map<String, List<Crossing>> crossings = new LinkedHashMap<>();
        for (BudgetAccount account : checked) {
            PeriodConsumption consumption = next.get(account.organizationId());
            Map<LocalDate, Set<Integer>> raisedBefore = raised.getOrDefault(account.organizationId(), Map.of());
            for (SupportPeriod period : account.periods().all()) {
                BigDecimal purchased = account.purchasedIn(period);
                BigDecimal consumed = consumption.in(period);
                for (int threshold : rule.newlyReached(purchased, consumed,
                        raisedBefore.getOrDefault(period.start(), Set.of()))) {
                    crossings.computeIfAbsent(account.organizationId(), id -> new ArrayList<>())
                            .add(new Crossing(period, threshold, purchased, consumed, account.currency()));
                }
            }
        }
        return crossings;
    }

    /**
     * Records the crossings of one organisation and writes their outbox events; {@code cause} is the last event
     * applied for it (its time is the crossing's time, its correlation id the outbox event's). A crossing another
     * transaction recorded first is not raised again.
     */
    public void raise(String organizationId, List<Crossing> crossings, IncomingEvent cause) {
        Instant at = cause.time() != null ? cause.time() : Instant.now();
        List<OutboxEvent> events = new ArrayList<>();
        for (Crossing crossing : crossings) {
            SupportPeriod period = crossing.period();
            int inserted = jdbc.update("""
                    insert into threshold_crossed (organization_id, period_start, threshold, period_end, purchased,
                        consumed, currency, crossed_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    organizationId, Date.valueOf(period.start()), crossing.threshold(), Date.valueOf(period.end()),
                    crossing.purchased(), crossing.consumed(), crossing.currency(), Timestamp.from(at));
            if (inserted == 1) {
                events.add(new OutboxEvent(topics.budgets(), organizationId, AGGREGATE_TYPE,
                        BudgetEventTypes.THRESHOLD_CROSSED, at, "system", cause.correlationId(),
                        new BudgetThresholdCrossedEvent(organizationId, period.start(), period.end(),
                                crossing.threshold(), crossing.purchased(), crossing.consumed(), crossing.currency(), at)));
                registry.counter("helpdesk.budget.thresholds.crossed", "threshold",
                        String.valueOf(crossing.threshold())).increment();
            }
        }
        outbox.appendAll(events);
    }

    /**
     * The new lines of each organisation ready to be priced: a reversal completed with its entry's start and activity
     * (as {@link LedgerLine#withEntryFacts} does for a whole ledger). An organisation is stale when a new entry has a
     * reversal stored before it: that reversal was priced without the entry's facts, so its totals must be computed
     * again.
     */
    private Map<String, List<LedgerLine>> completed(int generation, Map<String, List<NewLine>> added, Set<String> stale) {
        Set<List<String>> newKeys = new HashSet<>();
        Map<List<String>, String> organizationOfEntry = new HashMap<>();
        added.values().forEach(lines -> lines.forEach(line -> {
            newKeys.add(line.key());
            organizationOfEntry.put(entryOf(line.line()), line.organizationId());
        }));
        Map<List<String>, ConsumptionTotals.StoredLine> entries = new HashMap<>();
        for (ConsumptionTotals.StoredLine stored : totals.linesOf(generation, organizationOfEntry.keySet())) {
            if (stored.kind().equals(LedgerLine.Kind.LOGGED.name())) {
                entries.put(stored.entry(), stored);
            } else if (!newKeys.contains(withKind(stored.entry(), stored.kind()))
                    && newKeys.contains(withKind(stored.entry(), LedgerLine.Kind.LOGGED.name()))) {
                stale.add(organizationOfEntry.get(stored.entry()));
            }
        }
        Map<String, List<LedgerLine>> priced = new HashMap<>();
        added.forEach((id, lines) -> priced.put(id, lines.stream().map(NewLine::line).map(line -> {
            ConsumptionTotals.StoredLine entry = line.kind() == LedgerLine.Kind.REVERSED ? entries.get(entryOf(line)) : null;
            return entry == null ? line : line.completedBy(entry.activity(), entry.startedAt());
        }).toList()));
        return priced;
    }

    private static List<String> entryOf(LedgerLine line) {
        return List.of(line.ticketId() == null ? "" : line.ticketId(), line.entryId());
    }

    private static List<String> withKind(List<String> entry, String kind) {
        return List.of(entry.get(0), entry.get(1), kind);
    }

    private Map<String, Map<LocalDate, Set<Integer>>> raised(List<String> organizationIds) {
        Map<String, Map<LocalDate, Set<Integer>>> raised = new HashMap<>();
        jdbc.query("select organization_id, period_start, threshold from threshold_crossed where organization_id = any(?::text[])",
                row -> {
                    raised.computeIfAbsent(row.getString(1), id -> new HashMap<>())
                            .computeIfAbsent(row.getDate(2).toLocalDate(), start -> new HashSet<>()).add(row.getInt(3));
                }, (Object) organizationIds.toArray(String[]::new));
        return raised;
    }
}
