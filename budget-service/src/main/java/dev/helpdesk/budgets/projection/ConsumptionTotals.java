package dev.helpdesk.budgets.projection;

import dev.helpdesk.budgets.charging.PeriodConsumption;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running totals of {@code consumption_total} (V10): per organisation either a row for each of its support
 * periods, or none (unknown: the next threshold check computes them from the ledger). Written by the live consumer
 * only, under the organisation's lock ({@link LiveProjection}).
 */
@Component
public class ConsumptionTotals {

    private final JdbcTemplate jdbc;

    public ConsumptionTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Drops the organisation's totals: a fact changed how its lines are priced or which period they count in. */
    public void forget(int generation, String organizationId) {
        jdbc.update("delete from consumption_total where generation = ? and organization_id = ?", generation,
                organizationId);
    }

    /** The stored totals of those organisations that have them. */
    public Map<String, PeriodConsumption> load(int generation, Collection<String> organizationIds) {
        Map<String, Map<LocalDate, BigDecimal>> rows = new HashMap<>();
        jdbc.query("""
                        select organization_id, period_start, consumed from consumption_total
                        where generation = ? and organization_id = any(?::text[])""",
                row -> {
                    rows.computeIfAbsent(row.getString(1), id -> new HashMap<>())
                            .put(row.getDate(2).toLocalDate(), row.getBigDecimal(3));
                }, generation, organizationIds.toArray(String[]::new));
        Map<String, PeriodConsumption> totals = new HashMap<>();
        rows.forEach((id, periods) -> totals.put(id, PeriodConsumption.stored(periods)));
        return totals;
    }

    /** Stores the totals of these organisations, one row per period, in one statement. */
    public void save(int generation, Map<String, PeriodConsumption> totals) {
        List<String> organizations = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<String> amounts = new ArrayList<>();
        totals.forEach((id, consumption) -> consumption.asMap().forEach((start, amount) -> {
            organizations.add(id);
            starts.add(start.toString());
            amounts.add(amount.toPlainString());
        }));
        if (organizations.isEmpty()) {
            return;
        }
        jdbc.update("""
                        insert into consumption_total (generation, organization_id, period_start, consumed)
                        select ?, t.organization_id, t.period_start::date, t.consumed::numeric
                        from unnest(?::text[], ?::text[], ?::text[]) as t(organization_id, period_start, consumed)
                        on conflict (generation, organization_id, period_start) do update set consumed = excluded.consumed""",
                generation, organizations.toArray(String[]::new), starts.toArray(String[]::new),
                amounts.toArray(String[]::new));
    }

    /** A stored line of the ledger, as far as the totals need it: which entry, its kind, start and activity. */
    public record StoredLine(List<String> entry, String kind, Instant startedAt, String activity) {
    }

    /** The stored lines (logged and reversed) of these entries, each given as its ticket id ("" for none) and entry id. */
    public List<StoredLine> linesOf(int generation, Collection<List<String>> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        String[] tickets = entries.stream().map(entry -> entry.get(0)).toArray(String[]::new);
        String[] ids = entries.stream().map(entry -> entry.get(1)).toArray(String[]::new);
        return jdbc.query("""
                        select coalesce(l.ticket_id, ''), l.entry_id, l.kind, l.started_at, l.activity
                        from unnest(?::text[], ?::text[]) as e(ticket_id, entry_id)
                        join ledger_line l on l.generation = ? and coalesce(l.ticket_id, '') = e.ticket_id
                            and l.entry_id = e.entry_id""",
                (row, n) -> new StoredLine(List.of(row.getString(1), row.getString(2)), row.getString(3),
                        row.getTimestamp(4) == null ? null : row.getTimestamp(4).toInstant(), row.getString(5)),
                tickets, ids, generation);
    }
}
