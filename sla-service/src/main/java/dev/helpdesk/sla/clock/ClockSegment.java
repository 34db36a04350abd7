package dev.helpdesk.sla.clock;

import dev.helpdesk.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A transition in a clock's history and the clock right after it: the clock as it was from {@code at} until the next
 * segment. {@code reason} says why a clock paused; {@code previousSeverity} what a re-targeted clock had before.
 */
public record ClockSegment(Kind kind, Instant at, String reason, Severity previousSeverity, SlaClock clock) {

    public enum Kind {
        RUNNING, PAUSED, RETARGETED, MET, BREACHED, EXEMPTED
    }

    /** Why a clock pauses: the ticket waits on the customer (the only pause the rules know). */
    public static final String WAITING_ON_CUSTOMER = "WAITING_ON_CUSTOMER";

    /**
     * The segments of one transition, in time order: one per state change among its events (warnings change no
     * state), and a RETARGETED one at {@code at} when the severity changed ({@code before}: the clock before the
     * transition, null when unknown, as for a timer).
     */
    public static List<ClockSegment> of(SlaClock before, ClockChange change, Instant at) {
        SlaClock after = change.clock();
        List<ClockSegment> segments = new ArrayList<>();
        if (before != null && before.severity() != after.severity() && at != null) {
            segments.add(new ClockSegment(Kind.RETARGETED, at, null, before.severity(), after));
        }
        for (ClockEvent event : change.events()) {
            if (event instanceof ClockEvent.Started started) {
                segments.add(segment(Kind.RUNNING, started.startedAt(), null, snapshot(after, ClockState.RUNNING,
                        started.dueAt(), null, null, null)));
            } else if (event instanceof ClockEvent.Paused paused) {
                segments.add(segment(Kind.PAUSED, paused.at(), WAITING_ON_CUSTOMER, snapshot(after, ClockState.PAUSED,
                        paused.dueAt(), paused.at(), null, null)));
            } else if (event instanceof ClockEvent.Resumed resumed) {
                segments.add(segment(Kind.RUNNING, resumed.at(), null, snapshot(after, ClockState.RUNNING,
                        resumed.dueAt(), null, null, null)));
            } else if (event instanceof ClockEvent.Breached breached) {
                segments.add(segment(Kind.BREACHED, breached.breachedAt(), null, snapshot(after, ClockState.BREACHED,
                        breached.dueAt(), null, null, breached.breachedAt())));
            } else if (event instanceof ClockEvent.Met met) {
                segments.add(segment(Kind.MET, met.metAt(), null, snapshot(after, ClockState.MET, met.dueAt(), null,
                        met.metAt(), null)));
            } else if (event instanceof ClockEvent.Exempted exempted) {
                segments.add(segment(Kind.EXEMPTED, exempted.at(), exempted.reason().name(), after));
            }
        }
        // stable: a re-targeting comes before what it caused at the same instant
        segments.sort(Comparator.comparing(ClockSegment::at));
        return segments;
    }

    private static ClockSegment segment(Kind kind, Instant at, String reason, SlaClock clock) {
        return new ClockSegment(kind, at, reason, null, clock);
    }

    private static SlaClock snapshot(SlaClock after, ClockState state, Instant dueAt, Instant pausedAt, Instant metAt,
                                     Instant breachedAt) {
        return new SlaClock(after.ticketId(), after.metric(), after.severity(), state, after.target(),
                after.startedAt(), dueAt, pausedAt, after.pausedFor(), metAt, breachedAt, List.of(), new TreeSet<>());
    }
}
