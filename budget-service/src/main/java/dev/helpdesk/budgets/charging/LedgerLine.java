package dev.helpdesk.budgets.charging;

import dev.helpdesk.events.RateKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of an organisation's timesheet: a logged time entry or the reversal of one. {@code minutes} is always
 * positive; a reversal counts negatively. {@code ticketId} is null for time against the organisation itself, which
 * names its {@code activity} instead (a call, a workshop); {@code startedAt} is when the work began (null when the
 * entry gave only its date, and on reversals, which take it from their entry).
 */
public record LedgerLine(
        String entryId,
        Kind kind,
        String ticketId,
        String agentId,
        int minutes,
        RateKind rate,
        LocalDate workDate,
        String note,
        Instant recordedAt,
        String activity,
        Instant startedAt) {

    /** A ticket's line without a start instant. */
    public LedgerLine(String entryId, Kind kind, String ticketId, String agentId, int minutes, RateKind rate,
                      LocalDate workDate, String note, Instant recordedAt) {
        this(entryId, kind, ticketId, agentId, minutes, rate, workDate, note, recordedAt, null, null);
    }

    public enum Kind { LOGGED, REVERSED }

    /**
     * The lines with each reversal completed by its entry's start and activity (a reversal event carries neither), so
     * that a reversal is charged and judged as its entry was.
     */
    public static List<LedgerLine> withEntryFacts(List<LedgerLine> lines) {
        Map<List<String>, LedgerLine> entries = new HashMap<>();
        lines.stream().filter(l -> l.kind == Kind.LOGGED).forEach(l -> entries.put(Arrays.asList(l.ticketId, l.entryId), l));
        return lines.stream().map(l -> {
            LedgerLine entry = l.kind == Kind.REVERSED ? entries.get(Arrays.asList(l.ticketId, l.entryId)) : null;
            return entry == null ? l : l.completedBy(entry.activity, entry.startedAt);
        }).toList();
    }

    /** This line with its entry's activity and start where it has none of its own (a reversal carries neither). */
    public LedgerLine completedBy(String entryActivity, Instant entryStartedAt) {
        return new LedgerLine(entryId, kind, ticketId, agentId, minutes, rate, workDate, note, recordedAt,
                activity != null ? activity : entryActivity, startedAt != null ? startedAt : entryStartedAt);
    }

    public int signedMinutes() {
        return kind == Kind.REVERSED ? -minutes : minutes;
    }

    public BigDecimal amount(RateCard rates) {
        BigDecimal charge = Charges.of(minutes, rates.hourlyRate(rate));
        return kind == Kind.REVERSED ? charge.negate() : charge;
    }
}
