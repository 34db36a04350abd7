package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.BudgetAccount;
import dev.helpdesk.budgets.charging.BudgetStatement;
import dev.helpdesk.budgets.charging.BurndownInterval;
import dev.helpdesk.budgets.charging.Charges;
import dev.helpdesk.budgets.charging.SupportPeriod;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.budgets.projection.BudgetAccounts;
import dev.helpdesk.budgets.projection.Generations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Budget reports from the active generation. Each read is one repeatable-read snapshot, so a rebuild switching
 * generations meanwhile never shows half of one and half of the other.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class BudgetReports {

    private final Generations generations;
    private final BudgetAccounts accounts;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BudgetReports(Generations generations, BudgetAccounts accounts, JdbcTemplate jdbc, Clock clock) {
        this.generations = generations;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public BudgetView budget(String organizationId, LocalDate periodStart) {
        BudgetAccount account = account(organizationId);
        SupportPeriod period = period(account, periodStart);
        BudgetStatement statement = account.statement(period);
        var byRate = new LinkedHashMap<String, dev.helpdesk.budgets.charging.Usage>();
        statement.byRate().forEach((kind, usage) -> byRate.put(kind.name(), usage));
        List<Integer> crossed = jdbc.queryForList("""
                        select threshold from threshold_crossed where organization_id = ? and period_start = ?
                        order by threshold""",
                Integer.class, organizationId, Date.valueOf(period.start()));
        return new BudgetView(organizationId, account.currency(), period, statement.purchased(), statement.consumed(),
                statement.remaining(), statement.percentUsed(), byRate,
                statement.byTicket().entrySet().stream()
                        .map(e -> new BudgetView.TicketUsage(e.getKey(), e.getValue().minutes(), e.getValue().amount())).toList(),
                statement.byAgent().entrySet().stream()
                        .map(e -> new BudgetView.AgentUsage(e.getKey(), e.getValue().minutes(), e.getValue().amount())).toList(),
                crossed, account.periods().all());
    }

    public BurndownView burndown(String organizationId, BurndownInterval interval, LocalDate periodStart) {
        BudgetAccount account = account(organizationId);
        SupportPeriod period = period(account, periodStart);
        return new BurndownView(organizationId, account.currency(), interval, period, account.purchasedIn(period),
                account.burndown(period, interval));
    }

    /** All lines with a work date in [from, to] (default: the current period), in work-date order. */
    public TimesheetLines timesheet(String organizationId, LocalDate from, LocalDate to) {
        BudgetAccount account = account(organizationId);
        if (from == null || to == null) {
            SupportPeriod current = period(account, null);
            from = from == null ? current.start() : from;
            to = to == null ? current.end() : to;
        }
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "must not be before from");
        }
        LocalDate first = from;
        LocalDate last = to;
        List<TimesheetRow> rows = account.lines().stream()
                .filter(l -> !l.workDate().isBefore(first) && !l.workDate().isAfter(last))
                .map(l -> TimesheetRow.of(l, account))
                .toList();
        return new TimesheetLines(account.currency(), from, to, rows);
    }

    public record TimesheetLines(String currency, LocalDate from, LocalDate to, List<TimesheetRow> rows) {
        public long totalMinutes() {
            return rows.stream().mapToLong(TimesheetRow::minutes).sum();
        }

        public BigDecimal totalAmount() {
            return rows.stream().map(TimesheetRow::amount).reduce(Charges.zero(), BigDecimal::add);
        }
    }

    private BudgetAccount account(String organizationId) {
        BudgetAccount account = accounts.load(generations.active(), organizationId).orElseThrow(() -> unknown(organizationId));
        if (account.periods().all().isEmpty()) {
            throw unknown(organizationId);
        }
        return account;
    }

    private SupportPeriod period(BudgetAccount account, LocalDate periodStart) {
        if (periodStart == null) {
            return account.periods().current(LocalDate.now(clock)).orElseThrow(() -> unknown(account.organizationId()));
        }
        return account.periods().startingOn(periodStart)
                .orElseThrow(() -> ProblemException.notFound("No support period of this organisation starts on " + periodStart + "."));
    }

    static ProblemException unknown(String organizationId) {
        return ProblemException.notFound("No budget is known for organisation " + organizationId + ".");
    }

}
