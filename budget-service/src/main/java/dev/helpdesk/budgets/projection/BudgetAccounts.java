package dev.helpdesk.budgets.projection;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.LedgerLine;
import dev.helpdesk.budgets.charging.PublishedCalendar;
import dev.helpdesk.budgets.charging.Purchase;
import dev.helpdesk.budgets.charging.RateCard;
import dev.helpdesk.budgets.charging.SupportPeriod;
import dev.helpdesk.budgets.charging.SupportPeriods;
import dev.helpdesk.budgets.charging.TermsHistory;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.RateKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads an organisation's budget facts of one generation into the domain's {@link BudgetAccount}. */
@Component
public class BudgetAccounts {

    private final JdbcTemplate jdbc;
    private final OrganizationCalendars calendars;

    public BudgetAccounts(JdbcTemplate jdbc, OrganizationCalendars calendars) {
        this.jdbc = jdbc;
        this.calendars = calendars;
    }

    /** The organisation's account, empty until its registration (or a purchase) has been applied. */
    public Optional<BudgetAccount> load(int generation, String organizationId) {
        return loadAll(generation, List.of(organizationId)).stream().findFirst();
    }

    /**
     * The accounts of the organisations (those registered), loaded together with six statements whatever their
     * number, so that reading many accounts costs no round trip per organisation. The calendars sla-service published
     * are not per generation (reference data, {@link OrganizationCalendars}).
     */
    public List<BudgetAccount> loadAll(int generation, List<String> organizationIds) {
        return load(generation, organizationIds, true);
    }

    /**
     * The accounts without their ledgers (terms, periods and purchases only), with five statements whatever their
     * number: what pricing a new line and judging thresholds from running totals needs.
     */
    public List<BudgetAccount> loadTerms(int generation, List<String> organizationIds) {
        return load(generation, organizationIds, false);
    }

    private List<BudgetAccount> load(int generation, List<String> organizationIds, boolean withLedger) {
        Object ids = organizationIds.toArray(String[]::new);
        Map<String, List<PublishedCalendar>> published = calendars.of(organizationIds);
        Map<String, List<SupportPeriod>> periods = new HashMap<>();
        jdbc.query("select organization_id, period_start, period_end from support_period "
                        + "where generation = ? and organization_id = any(?::text[])",
                row -> {
                    periods.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(
                            new SupportPeriod(row.getDate(2).toLocalDate(), row.getDate(3).toLocalDate()));
                }, generation, ids);
        Map<String, List<Purchase>> purchases = new HashMap<>();
        jdbc.query("""
                        select organization_id, purchase_id, amount, purchased_on from budget_purchase
                        where generation = ? and organization_id = any(?::text[]) order by purchased_on, purchase_id""",
                row -> {
                    purchases.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(
                            new Purchase(row.getString(2), row.getBigDecimal(3), row.getDate(4).toLocalDate()));
                }, generation, ids);
        Map<String, List<LedgerLine>> lines = withLedger ? ledgers(generation, ids) : Map.of();
        Map<String, List<TermsHistory.TermsChange>> changes = new HashMap<>();
        jdbc.query("""
                        select organization_id, effective_from, changed_at, standard_rate, consultancy_rate, calendar,
                            time_zone
                        from terms_change where generation = ? and organization_id = any(?::text[])""",
                row -> {
                    changes.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(new TermsHistory.TermsChange(
                            row.getTimestamp(2).toInstant(), row.getTimestamp(3).toInstant(), row.getBigDecimal(4),
                            row.getBigDecimal(5), calendar(row.getString(6)), zone(row.getString(7))));
                }, generation, ids);
        return jdbc.query("""
                        select organization_id, currency, standard_rate, consultancy_rate, calendar, time_zone
                        from organization_budget
                        where generation = ? and organization_id = any(?::text[]) order by organization_id""",
                (row, n) -> {
                    String id = row.getString(1);
                    RateCard rates = new RateCard(row.getBigDecimal(3), row.getBigDecimal(4));
                    return new BudgetAccount(id, row.getString(2), rates,
                            new SupportPeriods(periods.getOrDefault(id, List.of())), purchases.getOrDefault(id, List.of()),
                            lines.getOrDefault(id, List.of()), new TermsHistory(rates, calendar(row.getString(5)),
                                    zone(row.getString(6)), changes.getOrDefault(id, List.of()),
                                    published.getOrDefault(id, List.of())));
                }, generation, ids);
    }

    private Map<String, List<LedgerLine>> ledgers(int generation, Object ids) {
        Map<String, List<LedgerLine>> lines = new HashMap<>();
        jdbc.query("""
                        select organization_id, entry_id, kind, ticket_id, agent_id, minutes, rate, work_date, note,
                            recorded_at, activity, started_at
                        from ledger_line where generation = ? and organization_id = any(?::text[])
                        order by work_date, recorded_at, entry_id, kind""",
                row -> {
                    lines.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(new LedgerLine(
                            row.getString(2), LedgerLine.Kind.valueOf(row.getString(3)), row.getString(4),
                            row.getString(5), row.getInt(6), RateKind.valueOf(row.getString(7)),
                            row.getDate(8).toLocalDate(), row.getString(9), row.getTimestamp(10).toInstant(),
                            row.getString(11), instant(row.getTimestamp(12))));
                }, generation, ids);
        return lines;
    }

    public List<String> organizations(int generation) {
        return jdbc.queryForList("select organization_id from organization_budget where generation = ? order by organization_id",
                String.class, generation);
    }

    public SupportPeriods periods(int generation, String organizationId) {
        return new SupportPeriods(jdbc.query(
                "select period_start, period_end from support_period where generation = ? and organization_id = ?",
                (rs, n) -> new SupportPeriod(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()),
                generation, organizationId));
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static CalendarKind calendar(String name) {
        return name == null ? null : CalendarKind.valueOf(name);
    }

    /** A zone the budget can use, or null (unknown, or not an IANA zone: then no out-of-hours marks). */
    private static ZoneId zone(String id) {
        try {
            return id == null ? null : ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
