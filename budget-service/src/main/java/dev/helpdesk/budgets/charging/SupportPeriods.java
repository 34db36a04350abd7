package dev.helpdesk.budgets.charging;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The support periods an organisation has had, in start order. A change that overlaps an existing period corrects
 * that period (moves or extends it); a change that overlaps none is a new period (a renewal).
 */
public record SupportPeriods(List<SupportPeriod> all) {

    public SupportPeriods {
        all = all.stream().sorted(Comparator.comparing(SupportPeriod::start)).toList();
    }

    public static SupportPeriods none() {
        return new SupportPeriods(List.of());
    }

    public SupportPeriods change(SupportPeriod changed) {
        List<SupportPeriod> next = new ArrayList<>(all);
        next.removeIf(changed::overlaps);
        next.add(changed);
        return new SupportPeriods(next);
    }

    /** The period an entry of this work date counts towards, if any. */
    public Optional<SupportPeriod> containing(LocalDate date) {
        return all.stream().filter(p -> p.contains(date)).findFirst();
    }

    /**
     * The period money bought on this date counts towards: the one containing the date, else the next one to
     * start (bought in advance), else the latest.
     */
    public Optional<SupportPeriod> forPurchaseOn(LocalDate date) {
        return containing(date)
                .or(() -> all.stream().filter(p -> p.start().isAfter(date)).findFirst())
                .or(() -> all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1)));
    }

    /** The period shown by default: the one containing today, else the latest started, else the first. */
    public Optional<SupportPeriod> current(LocalDate today) {
        return containing(today)
                .or(() -> all.stream().filter(p -> !p.start().isAfter(today)).reduce((a, b) -> b))
                .or(() -> all.stream().findFirst());
    }

    public Optional<SupportPeriod> startingOn(LocalDate start) {
        return all.stream().filter(p -> p.start().equals(start)).findFirst();
    }
}
