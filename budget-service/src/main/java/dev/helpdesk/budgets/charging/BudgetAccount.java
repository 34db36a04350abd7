package dev.helpdesk.budgets.charging;

import dev.helpdesk.events.RateKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything known about one organisation's budget: its terms, periods, purchases and timesheet. Figures are
 * computed from the stored minutes and rates when asked, so the order in which the facts arrived does not matter.
 */
public record BudgetAccount(
        String organizationId,
        String currency,
        RateCard rates,
        SupportPeriods periods,
        List<Purchase> purchases,
        List<LedgerLine> lines,
        TermsHistory terms) {

    public BudgetAccount {
        lines = LedgerLine.withEntryFacts(lines);
    }

    /** An account whose rates never changed and whose calendar is unknown. */
    public BudgetAccount(String organizationId, String currency, RateCard rates, SupportPeriods periods,
                         List<Purchase> purchases, List<LedgerLine> lines) {
        this(organizationId, currency, rates, periods, purchases, lines, TermsHistory.of(rates));
    }

    /**
     * The instant a line is charged and judged from: when its entry began, else the start of its work date in the
     * organisation's zone; a reversal takes its entry's, so that it cancels the entry to the cent.
     */
    private Instant momentOf(LedgerLine line) {
        return line.startedAt() != null ? line.startedAt() : terms.startOf(line.workDate());
    }

    /** The hourly rates a line is charged at: those in effect when its work began. */
    public RateCard ratesFor(LedgerLine line) {
        return terms.ratesAt(momentOf(line));
    }

    /** The line's charge (negative for a reversal), at the rates in effect when its work began. */
    public BigDecimal amountOf(LedgerLine line) {
        return line.amount(ratesFor(line));
    }

    /** Whether the line's work began outside coverage hours; null when its start or the calendar is unknown. */
    public Boolean outOfHours(LedgerLine line) {
        return terms.outOfHours(line.startedAt());
    }

    public BigDecimal purchasedIn(SupportPeriod period) {
        return purchases.stream()
                .filter(p -> periods.forPurchaseOn(p.purchasedOn()).filter(period::equals).isPresent())
                .map(Purchase::amount)
                .reduce(Charges.zero(), BigDecimal::add);
    }

    public List<LedgerLine> linesIn(SupportPeriod period) {
        return lines.stream().filter(l -> period.contains(l.workDate())).toList();
    }

    public BigDecimal consumedIn(SupportPeriod period) {
        return linesIn(period).stream().map(this::amountOf).reduce(Charges.zero(), BigDecimal::add);
    }

    public BudgetStatement statement(SupportPeriod period) {
        List<LedgerLine> inPeriod = linesIn(period);
        BigDecimal purchased = purchasedIn(period);
        BigDecimal consumed = consumedIn(period);
        BigDecimal percentUsed = purchased.signum() == 0 ? null
                : consumed.multiply(BigDecimal.valueOf(100)).divide(purchased, 2, RoundingMode.HALF_EVEN);
        Map<RateKind, Usage> byRate = new EnumMap<>(RateKind.class);
        for (RateKind kind : RateKind.values()) {
            byRate.put(kind, Usage.none());
        }
        inPeriod.forEach(l -> byRate.merge(l.rate(), usageOf(l), Usage::plus));
        return new BudgetStatement(period, purchased, consumed, purchased.subtract(consumed), percentUsed,
                byRate, groupBy(inPeriod.stream().filter(l -> l.ticketId() != null).toList(), LedgerLine::ticketId),
                groupBy(inPeriod, LedgerLine::agentId));
    }

    public List<BurndownPoint> burndown(SupportPeriod period, BurndownInterval interval) {
        List<BurndownPoint> points = new ArrayList<>();
        BigDecimal consumedBefore = Charges.zero();
        for (var start = interval.startOf(period.start()); !start.isAfter(period.end()); start = interval.next(start)) {
            var from = start.isBefore(period.start()) ? period.start() : start;
            var to = interval.next(start).minusDays(1);
            BigDecimal consumed = linesIn(period).stream()
                    .filter(l -> !l.workDate().isBefore(from) && !l.workDate().isAfter(to))
                    .map(this::amountOf).reduce(Charges.zero(), BigDecimal::add);
            consumedBefore = consumedBefore.add(consumed);
            points.add(new BurndownPoint(from, consumed, purchasedBy(period, to).subtract(consumedBefore)));
        }
        return points;
    }

    /** Money of this period bought by the given day; the initial budget and advance purchases count from the start. */
    private BigDecimal purchasedBy(SupportPeriod period, java.time.LocalDate day) {
        return purchases.stream()
                .filter(p -> periods.forPurchaseOn(p.purchasedOn()).filter(period::equals).isPresent())
                .filter(p -> !p.purchasedOn().isAfter(day) || p.purchasedOn().isBefore(period.start()))
                .map(Purchase::amount)
                .reduce(Charges.zero(), BigDecimal::add);
    }

    private Usage usageOf(LedgerLine line) {
        return new Usage(line.signedMinutes(), amountOf(line));
    }

    private Map<String, Usage> groupBy(List<LedgerLine> inPeriod, Function<LedgerLine, String> key) {
        Map<String, Usage> grouped = new TreeMap<>();
        inPeriod.forEach(l -> grouped.merge(key.apply(l), usageOf(l), Usage::plus));
        return grouped;
    }
}
