package dev.helpdesk.budgets.projection;

import dev.helpdesk.budgets.charging.LedgerLine;
import dev.helpdesk.budgets.charging.SupportPeriod;
import dev.helpdesk.budgets.charging.SupportPeriods;
import dev.helpdesk.budgets.config.BudgetProperties;
import dev.helpdesk.events.organization.BudgetPurchasedEvent;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryLoggedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryReversedEvent;
import dev.helpdesk.events.organization.SupportPeriodChangedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.events.ticket.TimeEntryReversedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores the facts of events into a generation of the projection, once per event id and generation (the caller's
 * transaction covers both the de-duplication marks in {@code processed_event} and the facts). Facts are stored raw (minutes, rates, dates), so that the
 * figures can be computed whatever order organisation and ticket records arrived in.
 */
@Component
public class ProjectionWriter {

    private static final String LINE = """
            insert into ledger_line (generation, organization_id, entry_id, kind, ticket_id, agent_id, minutes, rate,
                work_date, note, recorded_at, activity, started_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""";

    /** Many lines in one statement, answering the keys of those new to the ledger. */
    private static final String LINES = """
            insert into ledger_line (generation, organization_id, entry_id, kind, ticket_id, agent_id, minutes, rate,
                work_date, note, recorded_at, activity, started_at)
            select ?, l.organization_id, l.entry_id, l.kind, l.ticket_id, l.agent_id, l.minutes::integer, l.rate,
                l.work_date::date, l.note, l.recorded_at::timestamptz, l.activity, l.started_at::timestamptz
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[], ?::text[]) as l(organization_id, entry_id, kind, ticket_id, agent_id,
                minutes, rate, work_date, note, recorded_at, activity, started_at)
            on conflict do nothing
            returning ticket_id, entry_id, kind""";

    private final JdbcTemplate jdbc;
    private final BudgetAccounts accounts;
    private final BudgetProperties properties;
    private final ConsumptionTotals totals;

    public ProjectionWriter(JdbcTemplate jdbc, BudgetAccounts accounts, BudgetProperties properties,
                            ConsumptionTotals totals) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.properties = properties;
        this.totals = totals;
    }

    /** Applies the event to the generation; false when this generation has already applied it. */
    public boolean apply(int generation, IncomingEvent event) {
        int marked = jdbc.update("insert into processed_event (generation, event_id) values (?, ?) on conflict do nothing",
                generation, event.id());
        if (marked == 0) {
            return false;
        }
        if (isTimeEntry(event)) {
            jdbc.update(LINE, parameters(generation, newLine(event)));
        } else {
            store(generation, event);
        }
        return true;
    }

    /** Time entries (logged or reversed, on a ticket or on the organisation itself): they only add a ledger line. */
    public static boolean isTimeEntry(IncomingEvent event) {
        return event.data() instanceof TimeEntryLoggedEvent || event.data() instanceof TimeEntryReversedEvent
                || event.data() instanceof OrganizationTimeEntryLoggedEvent
                || event.data() instanceof OrganizationTimeEntryReversedEvent;
    }

    /**
     * Applies the events to the generation as {@link #apply} would one after the other, answering those applied
     * (first occurrences of ids the generation had not applied) and the ledger lines they added. One statement marks
     * them all and answers which ids were new; time entries (most of the topic) between two organisation events are
     * inserted with one multi-row statement that answers which lines were new; organisation events, which read what
     * is stored before them, are applied one by one in their place.
     */
    public Applied applyAll(int generation, List<IncomingEvent> events) {
        return applyAll(generation, events, true);
    }

    /**
     * As {@link #applyAll(int, List)}; without {@code withNewLines} (a rebuild, which keeps no running totals) the
     * lines are inserted with a JDBC batch that does not answer which were new, and {@link Applied#lines} is empty.
     */
    public Applied applyAll(int generation, List<IncomingEvent> events, boolean withNewLines) {
        if (events.isEmpty()) {
            return new Applied(List.of(), List.of());
        }
        Set<String> marked = new HashSet<>(jdbc.queryForList("""
                        insert into processed_event (generation, event_id) select ?, unnest(?::text[])
                        on conflict do nothing returning event_id""",
                String.class, generation, events.stream().map(IncomingEvent::id).toArray(String[]::new)));
        List<IncomingEvent> applied = new ArrayList<>(marked.size());
        List<NewLine> pending = new ArrayList<>();
        List<NewLine> inserted = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (!marked.remove(event.id())) {
                continue;
            }
            applied.add(event);
            if (isTimeEntry(event)) {
                pending.add(newLine(event));
            } else {
                inserted.addAll(insertLines(generation, pending, withNewLines));
                store(generation, event);
            }
        }
        inserted.addAll(insertLines(generation, pending, withNewLines));
        return new Applied(applied, inserted);
    }

    /** What {@link #applyAll} applied: the events new to the generation and the ledger lines they added. */
    public record Applied(List<IncomingEvent> events, List<NewLine> lines) {
    }

    /** A ledger line of an organisation, as stored. */
    public record NewLine(String organizationId, LedgerLine line) {

        /** The line's identity in the ledger (the unique index {@code ledger_line_entry}). */
        public List<String> key() {
            return lineKey(line.ticketId(), line.entryId(), line.kind().name());
        }
    }

    static List<String> lineKey(String ticketId, String entryId, String kind) {
        return List.of(ticketId == null ? "" : ticketId, entryId, kind);
    }

    /**
     * Inserts the lines and clears {@code lines}; with {@code answer}, in one statement that answers those new to the
     * ledger, else with a JDBC batch (rewritten into multi-row inserts by the driver) that answers nothing.
     */
    private List<NewLine> insertLines(int generation, List<NewLine> lines, boolean answer) {
        if (lines.isEmpty()) {
            return List.of();
        }
        if (!answer) {
            jdbc.batchUpdate(LINE, lines.stream().map(line -> parameters(generation, line)).toList());
            lines.clear();
            return List.of();
        }
        int n = lines.size();
        String[][] columns = new String[12][n];
        Map<List<String>, NewLine> byKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            NewLine added = lines.get(i);
            LedgerLine line = added.line();
            byKey.putIfAbsent(added.key(), added);
            columns[0][i] = added.organizationId();
            columns[1][i] = line.entryId();
            columns[2][i] = line.kind().name();
            columns[3][i] = line.ticketId();
            columns[4][i] = line.agentId();
            columns[5][i] = Integer.toString(line.minutes());
            columns[6][i] = line.rate().name();
            columns[7][i] = line.workDate().toString();
            columns[8][i] = line.note();
            columns[9][i] = (line.recordedAt() == null ? Instant.EPOCH : line.recordedAt()).toString();
            columns[10][i] = line.activity();
            columns[11][i] = line.startedAt() == null ? null : line.startedAt().toString();
        }
        Object[] parameters = new Object[13];
        parameters[0] = generation;
        System.arraycopy(columns, 0, parameters, 1, 12);
        List<NewLine> inserted = jdbc.query(LINES, (row, i) -> byKey.get(
                lineKey(row.getString(1), row.getString(2), row.getString(3))), parameters);
        lines.clear();
        return inserted;
    }

    private void store(int generation, IncomingEvent event) {
        Object data = event.data();
        if (data instanceof OrganizationRegisteredEvent e) {
            registered(generation, e);
            totals.forget(generation, e.organizationId());
        } else if (data instanceof SupportPeriodChangedEvent e) {
            changePeriod(generation, e.organizationId(), new SupportPeriod(e.start(), e.end()));
            totals.forget(generation, e.organizationId());
        } else if (data instanceof BudgetPurchasedEvent e) {
            purchased(generation, e, event.time());
        } else if (data instanceof OrganizationTermsChangedEvent e) {
            termsChanged(generation, e);
            totals.forget(generation, e.organizationId());
        } else {
            throw new IllegalArgumentException("not a budget event: " + event.type());
        }
    }

    public static String organizationOf(Object data) {
        if (data instanceof OrganizationRegisteredEvent e) {
            return e.organizationId();
        } else if (data instanceof SupportPeriodChangedEvent e) {
            return e.organizationId();
        } else if (data instanceof BudgetPurchasedEvent e) {
            return e.organizationId();
        } else if (data instanceof TimeEntryLoggedEvent e) {
            return e.organizationId();
        } else if (data instanceof TimeEntryReversedEvent e) {
            return e.organizationId();
        } else if (data instanceof OrganizationTermsChangedEvent e) {
            return e.organizationId();
        } else if (data instanceof OrganizationTimeEntryLoggedEvent e) {
            return e.organizationId();
        } else if (data instanceof OrganizationTimeEntryReversedEvent e) {
            return e.organizationId();
        }
        throw new IllegalArgumentException("not a budget event");
    }

    private void registered(int generation, OrganizationRegisteredEvent e) {
        var terms = e.budget();
        jdbc.update("""
                insert into organization_budget (generation, organization_id, currency, standard_rate, consultancy_rate,
                    calendar, time_zone)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (generation, organization_id) do update set currency = excluded.currency,
                    standard_rate = excluded.standard_rate, consultancy_rate = excluded.consultancy_rate,
                    calendar = excluded.calendar, time_zone = excluded.time_zone""",
                generation, e.organizationId(), terms == null ? null : terms.currency(),
                terms == null ? null : terms.standardRate(), terms == null ? null : terms.consultancyRate(),
                e.calendar() == null ? null : e.calendar().name(), e.timeZone());
        changePeriod(generation, e.organizationId(), new SupportPeriod(e.supportPeriodStart(), e.supportPeriodEnd()));
        if (terms != null && terms.amount().signum() > 0) {
            insertPurchase(generation, e.organizationId(), "initial", terms.amount(), e.supportPeriodStart());
        }
    }

    /**
     * A change of terms, stored whole: its rates apply to entries whose work began at or after {@code effectiveFrom}
     * (rates it does not name stay as they were), its calendar and zone to the out-of-hours marks from then on.
     */
    private void termsChanged(int generation, OrganizationTermsChangedEvent e) {
        boolean rates = e.changed("standardRate") || e.changed("consultancyRate");
        jdbc.update("""
                insert into terms_change (generation, organization_id, effective_from, changed_at, standard_rate,
                    consultancy_rate, calendar, time_zone) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                generation, e.organizationId(), Timestamp.from(e.effectiveFrom()), Timestamp.from(e.changedAt()),
                rates ? e.standardRate() : null, rates ? e.consultancyRate() : null,
                e.calendar() == null ? null : e.calendar().name(), e.timeZone());
    }

    private void changePeriod(int generation, String organizationId, SupportPeriod changed) {
        SupportPeriods periods = accounts.periods(generation, organizationId).change(changed);
        jdbc.update("delete from support_period where generation = ? and organization_id = ?", generation, organizationId);
        for (SupportPeriod period : periods.all()) {
            jdbc.update("insert into support_period (generation, organization_id, period_start, period_end) values (?, ?, ?, ?)",
                    generation, organizationId, Date.valueOf(period.start()), Date.valueOf(period.end()));
        }
    }

    private void purchased(int generation, BudgetPurchasedEvent e, Instant time) {
        List<String> currencies = jdbc.queryForList(
                "select currency from organization_budget where generation = ? and organization_id = ? and currency is not null",
                String.class, generation, e.organizationId());
        if (!currencies.isEmpty() && !currencies.get(0).equals(e.currency())) {
            throw new MalformedEventException("purchase in " + e.currency() + " for a budget in " + currencies.get(0));
        }
        jdbc.update("""
                insert into organization_budget (generation, organization_id, currency) values (?, ?, ?)
                on conflict (generation, organization_id) do update
                    set currency = coalesce(organization_budget.currency, excluded.currency)""",
                generation, e.organizationId(), e.currency());
        insertPurchase(generation, e.organizationId(), e.purchaseId(), e.amount(),
                LocalDate.ofInstant(time, properties.timeZone()));
    }

    private void insertPurchase(int generation, String organizationId, String purchaseId, java.math.BigDecimal amount, LocalDate on) {
        jdbc.update("""
                insert into budget_purchase (generation, organization_id, purchase_id, amount, purchased_on)
                values (?, ?, ?, ?, ?) on conflict do nothing""",
                generation, organizationId, purchaseId, amount, Date.valueOf(on));
    }

    /** The ledger line a time entry event adds. */
    private static NewLine newLine(IncomingEvent event) {
        Object data = event.data();
        if (data instanceof TimeEntryLoggedEvent e) {
            return new NewLine(e.organizationId(), new LedgerLine(e.entryId(), LedgerLine.Kind.LOGGED, e.ticketId(),
                    e.agentId(), e.minutes(), e.rate(), e.workDate(), e.note(),
                    e.loggedAt() != null ? e.loggedAt() : event.time(), null, e.startedAt()));
        } else if (data instanceof TimeEntryReversedEvent e) {
            return new NewLine(e.organizationId(), new LedgerLine(e.entryId(), LedgerLine.Kind.REVERSED, e.ticketId(),
                    e.agentId(), e.minutes(), e.rate(), e.workDate(), e.reason(),
                    e.reversedAt() != null ? e.reversedAt() : event.time(), null, null));
        } else if (data instanceof OrganizationTimeEntryLoggedEvent e) {
            return new NewLine(e.organizationId(), new LedgerLine(e.entryId(), LedgerLine.Kind.LOGGED, null,
                    e.agentId(), e.minutes(), e.rate(), e.workDate(), e.note(),
                    e.loggedAt() != null ? e.loggedAt() : event.time(), e.activity(), e.startedAt()));
        } else if (data instanceof OrganizationTimeEntryReversedEvent e) {
            return new NewLine(e.organizationId(), new LedgerLine(e.entryId(), LedgerLine.Kind.REVERSED, null,
                    e.agentId(), e.minutes(), e.rate(), e.workDate(), e.reason(),
                    e.reversedAt() != null ? e.reversedAt() : event.time(), null, null));
        }
        throw new IllegalArgumentException("not a time entry");
    }

    /** The parameters of {@link #LINE} for a line. */
    private static Object[] parameters(int generation, NewLine added) {
        LedgerLine line = added.line();
        return new Object[]{generation, added.organizationId(), line.entryId(), line.kind().name(), line.ticketId(),
                line.agentId(), line.minutes(), line.rate().name(), Date.valueOf(line.workDate()), line.note(),
                Timestamp.from(line.recordedAt() == null ? Instant.EPOCH : line.recordedAt()), line.activity(),
                line.startedAt() == null ? null : Timestamp.from(line.startedAt())};
    }
}
