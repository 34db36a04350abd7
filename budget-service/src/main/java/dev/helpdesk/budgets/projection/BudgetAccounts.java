package dev.helpdesk.budgets.projection;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.LedgerLine;
import dev.helpdesk.budgets.charging.Purchase;
import dev.helpdesk.budgets.charging.RateCard;
import dev.helpdesk.budgets.charging.SupportPeriod;
import dev.helpdesk.budgets.charging.SupportPeriods;
import dev.helpdesk.events.RateKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads an organisation's budget facts of one generation into the domain's {@link BudgetAccount}. */
@Component
public class BudgetAccounts {

    private final JdbcTemplate jdbc;

    public BudgetAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The organisation's account, empty until its registration (or a purchase) has been applied. */
    public Optional<BudgetAccount> load(int generation, String organizationId) {
        List<Object[]> terms = jdbc.query("""
                        select currency, standard_rate, consultancy_rate from organization_budget
                        where generation = ? and organization_id = ?""",
                (rs, n) -> new Object[]{rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)},
                generation, organizationId);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = terms.get(0);
        return Optional.of(new BudgetAccount(organizationId, (String) row[0],
                new RateCard((java.math.BigDecimal) row[1], (java.math.BigDecimal) row[2]),
                periods(generation, organizationId), purchases(generation, organizationId), lines(generation, organizationId)));
    }

    /**
     * The accounts of the organisations (those registered), loaded together with four statements whatever their
     * number, so that reading many accounts costs no round trip per organisation.
     */
    public List<BudgetAccount> loadAll(int generation, List<String> organizationIds) {
        Object ids = organizationIds.toArray(String[]::new);
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
        Map<String, List<LedgerLine>> lines = new HashMap<>();
        jdbc.query("""
                        select organization_id, entry_id, kind, ticket_id, agent_id, minutes, rate, work_date, note,
                            recorded_at
                        from ledger_line where generation = ? and organization_id = any(?::text[])
                        order by work_date, recorded_at, entry_id, kind""",
                row -> {
                    lines.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(new LedgerLine(
                            row.getString(2), LedgerLine.Kind.valueOf(row.getString(3)), row.getString(4),
                            row.getString(5), row.getInt(6), RateKind.valueOf(row.getString(7)),
                            row.getDate(8).toLocalDate(), row.getString(9), row.getTimestamp(10).toInstant()));
                }, generation, ids);
        return jdbc.query("""
                        select organization_id, currency, standard_rate, consultancy_rate from organization_budget
                        where generation = ? and organization_id = any(?::text[]) order by organization_id""",
                (row, n) -> {
                    String id = row.getString(1);
                    return new BudgetAccount(id, row.getString(2), new RateCard(row.getBigDecimal(3), row.getBigDecimal(4)),
                            new SupportPeriods(periods.getOrDefault(id, List.of())), purchases.getOrDefault(id, List.of()),
                            lines.getOrDefault(id, List.of()));
                }, generation, ids);
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

    private List<Purchase> purchases(int generation, String organizationId) {
        return jdbc.query("""
                        select purchase_id, amount, purchased_on from budget_purchase
                        where generation = ? and organization_id = ? order by purchased_on, purchase_id""",
                (rs, n) -> new Purchase(rs.getString(1), rs.getBigDecimal(2), rs.getDate(3).toLocalDate()),
                generation, organizationId);
    }

    private List<LedgerLine> lines(int generation, String organizationId) {
        return jdbc.query("""
                        select entry_id, kind, ticket_id, agent_id, minutes, rate, work_date, note, recorded_at
                        from ledger_line where generation = ? and organization_id = ?
                        order by work_date, recorded_at, entry_id, kind""",
                (rs, n) -> new LedgerLine(rs.getString(1), LedgerLine.Kind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getInt(5), RateKind.valueOf(rs.getString(6)), rs.getDate(7).toLocalDate(),
                        rs.getString(8), rs.getTimestamp(9).toInstant()),
                generation, organizationId);
    }
}
