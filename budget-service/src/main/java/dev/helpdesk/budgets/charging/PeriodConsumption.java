package dev.helpdesk.budgets.charging;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The money consumed in each of an organisation's support periods (keyed by the period's start), kept as running
 * totals: computed once from the whole ledger, then moved by each new line's charge. Adding a line gives the same
 * figures as computing them again from the ledger with that line in it, as long as the account's terms and periods
 * are those the totals were computed under and a reversal is given with its entry's facts (its start and activity,
 * see {@link LedgerLine#withEntryFacts}); whoever keeps the totals drops them when either changes.
 */
public final class PeriodConsumption {

    private final Map<LocalDate, BigDecimal> consumed;

    private PeriodConsumption(Map<LocalDate, BigDecimal> consumed) {
        this.consumed = consumed;
    }

    /** The totals of every period of the account, from its whole ledger (zero for a period without lines). */
    public static PeriodConsumption of(BudgetAccount account) {
        Map<LocalDate, BigDecimal> totals = new TreeMap<>();
        for (SupportPeriod period : account.periods().all()) {
            totals.put(period.start(), account.consumedIn(period));
        }
        return new PeriodConsumption(totals);
    }

    /** Totals as stored, one per period start. */
    public static PeriodConsumption stored(Map<LocalDate, BigDecimal> totals) {
        return new PeriodConsumption(new TreeMap<>(totals));
    }

    /**
     * These totals moved by the new lines' charges at the rates of {@code terms} (an account whose own ledger is not
     * needed: its rates, terms history and periods). A line whose work date lies in no period changes nothing.
     */
    public PeriodConsumption plus(BudgetAccount terms, Collection<LedgerLine> newLines) {
        Map<LocalDate, BigDecimal> next = new TreeMap<>(consumed);
        for (LedgerLine line : newLines) {
            terms.periods().containing(line.workDate()).ifPresent(period ->
                    next.merge(period.start(), terms.amountOf(line), BigDecimal::add));
        }
        return new PeriodConsumption(next);
    }

    /** Money consumed in the period; zero for a period these totals do not know. */
    public BigDecimal in(SupportPeriod period) {
        return consumed.getOrDefault(period.start(), Charges.zero());
    }

    public Map<LocalDate, BigDecimal> asMap() {
        return new HashMap<>(consumed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeriodConsumption that && normalised(consumed).equals(normalised(that.consumed));
    }

    @Override
    public int hashCode() {
        return normalised(consumed).hashCode();
    }

    @Override
    public String toString() {
        return consumed.toString();
    }

    private static Map<LocalDate, BigDecimal> normalised(Map<LocalDate, BigDecimal> totals) {
        Map<LocalDate, BigDecimal> normal = new TreeMap<>();
        totals.forEach((start, amount) -> normal.put(start, Charges.money(amount)));
        return normal;
    }
}
