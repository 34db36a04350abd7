package dev.helpdesk.tickets.organization.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An organisation's terms over time: the registered terms (in effect from the beginning), then each change from its
 * {@code effectiveFrom}. Immutable. Changes come in the order of their {@code effectiveFrom} (the aggregate refuses
 * one dated before the last), so the entry in effect at an instant is the last one that started at or before it.
 */
public final class TermsTimeline {

    /** One dated set of terms. */
    public record Entry(Instant effectiveFrom, ContractTerms terms) {
    }

    private final List<Entry> entries;

    private TermsTimeline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static TermsTimeline registeredWith(ContractTerms terms) {
        return new TermsTimeline(List.of(new Entry(Instant.MIN, terms)));
    }

    /** This timeline with terms in effect from {@code effectiveFrom} (at the same instant, the newer change wins). */
    public TermsTimeline with(Instant effectiveFrom, ContractTerms terms) {
        if (effectiveFrom.isBefore(lastEffectiveFrom())) {
            throw new IllegalArgumentException("Terms changes must come in the order of their effective instants");
        }
        List<Entry> next = new ArrayList<>(entries);
        next.add(new Entry(effectiveFrom, terms));
        return new TermsTimeline(next);
    }

    /** The terms in effect at {@code at}. */
    public ContractTerms at(Instant at) {
        Entry found = entries.get(0);
        for (Entry entry : entries) {
            if (!entry.effectiveFrom().isAfter(at)) {
                found = entry;
            }
        }
        return found.terms();
    }

    /** When the last recorded terms take effect ({@link Instant#MIN} for the registered terms). */
    public Instant lastEffectiveFrom() {
        return entries.get(entries.size() - 1).effectiveFrom();
    }

    /**
     * The contact limit an addition at {@code at} must respect: the lowest of the limit in effect and every limit
     * already scheduled after it, so that no scheduled limit is broken when it takes effect.
     */
    public int contactLimitFrom(Instant at) {
        int limit = at(at).contactLimit();
        for (Entry entry : entries) {
            if (entry.effectiveFrom().isAfter(at)) {
                limit = Math.min(limit, entry.terms().contactLimit());
            }
        }
        return limit;
    }
}
