package dev.helpdesk.budgets.projection;

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
import java.util.HashSet;
import java.util.List;
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

    private final JdbcTemplate jdbc;
    private final BudgetAccounts accounts;
    private final BudgetProperties properties;

    public ProjectionWriter(JdbcTemplate jdbc, BudgetAccounts accounts, BudgetProperties properties) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.properties = properties;
    }

    /** Applies the event to the generation; false when this generation has already applied it. */
    public boolean apply(int generation, IncomingEvent event) {
        int marked = jdbc.update("insert into processed_event (generation, event_id) values (?, ?) on conflict do nothing",
                generation, event.id());
        if (marked == 0) {
            return false;
        }
        if (isTimeEntry(event)) {
            jdbc.update(LINE, line(generation, event));
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
     * (first occurrences of ids the generation had not applied). One statement marks them all and answers which ids
     * were new; time entries (most of the topic) between two organisation events are inserted with one JDBC batch;
     * organisation events, which read what is stored before them, are applied one by one in their place.
     */
    public List<IncomingEvent> applyAll(int generation, List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<String> marked = new HashSet<>(jdbc.queryForList("""
                        insert into processed_event (generation, event_id) select ?, unnest(?::text[])
                        on conflict do nothing returning event_id""",
                String.class, generation, events.stream().map(IncomingEvent::id).toArray(String[]::new)));
        List<IncomingEvent> applied = new ArrayList<>(marked.size());
        List<Object[]> lines = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (!marked.remove(event.id())) {
                continue;
            }
            applied.add(event);
            if (isTimeEntry(event)) {
                lines.add(line(generation, event));
            } else {
                insertLines(lines);
                store(generation, event);
            }
        }
        insertLines(lines);
        return applied;
    }

    private void insertLines(List<Object[]> lines) {
        if (!lines.isEmpty()) {
            jdbc.batchUpdate(LINE, lines);
            lines.clear();
        }
    }

    private void store(int generation, IncomingEvent event) {
        Object data = event.data();
        if (data instanceof OrganizationRegisteredEvent e) {
            registered(generation, e);
        } else if (data instanceof SupportPeriodChangedEvent e) {
            changePeriod(generation, e.organizationId(), new SupportPeriod(e.start(), e.end()));
        } else if (data instanceof BudgetPurchasedEvent e) {
            purchased(generation, e, event.time());
        } else if (data instanceof OrganizationTermsChangedEvent e) {
            termsChanged(generation, e);
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

    /** The parameters of {@link #LINE} for a time entry event. */
    private static Object[] line(int generation, IncomingEvent event) {
        Object data = event.data();
        if (data instanceof TimeEntryLoggedEvent e) {
            return line(generation, e.organizationId(), e.entryId(), "LOGGED", e.ticketId(), e.agentId(), e.minutes(),
                    e.rate().name(), e.workDate(), e.note(), e.loggedAt() != null ? e.loggedAt() : event.time(),
                    null, e.startedAt());
        } else if (data instanceof TimeEntryReversedEvent e) {
            return line(generation, e.organizationId(), e.entryId(), "REVERSED", e.ticketId(), e.agentId(), e.minutes(),
                    e.rate().name(), e.workDate(), e.reason(), e.reversedAt() != null ? e.reversedAt() : event.time(),
                    null, null);
        } else if (data instanceof OrganizationTimeEntryLoggedEvent e) {
            return line(generation, e.organizationId(), e.entryId(), "LOGGED", null, e.agentId(), e.minutes(),
                    e.rate().name(), e.workDate(), e.note(), e.loggedAt() != null ? e.loggedAt() : event.time(),
                    e.activity(), e.startedAt());
        } else if (data instanceof OrganizationTimeEntryReversedEvent e) {
            return line(generation, e.organizationId(), e.entryId(), "REVERSED", null, e.agentId(), e.minutes(),
                    e.rate().name(), e.workDate(), e.reason(), e.reversedAt() != null ? e.reversedAt() : event.time(),
                    null, null);
        }
        throw new IllegalArgumentException("not a time entry");
    }

    private static Object[] line(int generation, String organizationId, String entryId, String kind, String ticketId,
                                 String agentId, int minutes, String rate, LocalDate workDate, String note, Instant recordedAt,
                                 String activity, Instant startedAt) {
        return new Object[]{generation, organizationId, entryId, kind, ticketId, agentId, minutes, rate, Date.valueOf(workDate),
                note, Timestamp.from(recordedAt == null ? Instant.EPOCH : recordedAt), activity,
                startedAt == null ? null : Timestamp.from(startedAt)};
    }
}
