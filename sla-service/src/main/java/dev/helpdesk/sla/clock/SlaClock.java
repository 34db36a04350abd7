package dev.helpdesk.sla.clock;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One SLA clock of a ticket (first response or resolution) with the target copied from the policy version the
 * ticket was opened under. Immutable: each transition answers the new clock and the events it produced.
 *
 * <p>All times are business time on the ticket's calendar. The due time is always
 * {@code startedAt + target + pausedFor} counted in business time; a warning at p% is due at
 * {@code startedAt + p% of target + pausedFor}. Each warning and the breach fire at most once per clock.
 *
 * <p>Transitions first let any threshold that passed before the transition's time fire ({@link #fireDue}), so the
 * outcome does not depend on whether the timer poller or the ticket event came first.
 */
public record SlaClock(
        String ticketId,
        Metric metric,
        Severity severity,
        ClockState state,
        Duration target,
        Instant startedAt,
        Instant dueAt,
        Instant pausedAt,
        Duration pausedFor,
        Instant metAt,
        Instant breachedAt,
        List<Integer> warningThresholds,
        SortedSet<Integer> firedThresholds,
        Instant exemptedAt) {

    public static final int BREACH_PERCENT = 100;

    public SlaClock {
        warningThresholds = List.copyOf(new TreeSet<>(warningThresholds));
        firedThresholds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(firedThresholds));
        pausedFor = pausedFor == null ? Duration.ZERO : pausedFor;
    }

    /** A clock that was never exempted. */
    public SlaClock(String ticketId, Metric metric, Severity severity, ClockState state, Duration target,
                    Instant startedAt, Instant dueAt, Instant pausedAt, Duration pausedFor, Instant metAt,
                    Instant breachedAt, List<Integer> warningThresholds, SortedSet<Integer> firedThresholds) {
        this(ticketId, metric, severity, state, target, startedAt, dueAt, pausedAt, pausedFor, metAt, breachedAt,
                warningThresholds, firedThresholds, null);
    }

    /**
     * Starts a clock at the ticket's opening (moved to the calendar's next opening). A null target makes it
     * {@link ClockState#NOT_APPLICABLE}.
     */
    public static ClockChange start(String ticketId, Metric metric, Severity severity, Duration target,
                                    List<Integer> warningThresholds, Instant openedAt, BusinessCalendar calendar) {
        Instant startedAt = calendar.nextOpening(openedAt);
        if (target == null) {
            return ClockChange.unchanged(new SlaClock(ticketId, metric, severity, ClockState.NOT_APPLICABLE, null,
                    startedAt, null, null, Duration.ZERO, null, null, warningThresholds, new TreeSet<>()));
        }
        requirePositive(target);
        Instant dueAt = calendar.add(startedAt, target);
        SlaClock clock = new SlaClock(ticketId, metric, severity, ClockState.RUNNING, target, startedAt, dueAt,
                null, Duration.ZERO, null, null, warningThresholds, new TreeSet<>());
        return new ClockChange(clock, List.of(new ClockEvent.Started(startedAt, dueAt)));
    }

    /** The next threshold to fire, only while running. */
    public Optional<NextTimer> nextTimer(BusinessCalendar calendar) {
        if (state != ClockState.RUNNING) {
            return Optional.empty();
        }
        for (int percent : warningThresholds) {
            if (!firedThresholds.contains(percent)) {
                return Optional.of(new NextTimer(percent, thresholdAt(percent, calendar)));
            }
        }
        return Optional.of(new NextTimer(BREACH_PERCENT, dueAt));
    }

    /** Fires every threshold reached at or before {@code now}, in order: warnings, then the breach. */
    public ClockChange fireDue(Instant now, BusinessCalendar calendar) {
        SlaClock clock = this;
        List<ClockEvent> events = new ArrayList<>();
        Optional<NextTimer> next = clock.nextTimer(calendar);
        while (next.isPresent() && !next.get().at().isAfter(now)) {
            NextTimer timer = next.get();
            if (timer.isBreach()) {
                clock = clock.breached(timer.at());
                events.add(new ClockEvent.Breached(clock.dueAt, timer.at()));
            } else {
                clock = clock.withFired(timer.percent());
                events.add(new ClockEvent.WarningReached(timer.percent(), timer.at(), clock.dueAt));
            }
            next = clock.nextTimer(calendar);
        }
        return new ClockChange(clock, events);
    }

    /** Stops the clock as met (first public staff reply, or resolution). A breached clock records the time too. */
    public ClockChange meet(Instant at, BusinessCalendar calendar) {
        ClockChange caughtUp = fireDue(at, calendar);
        SlaClock clock = caughtUp.clock();
        if (clock.state == ClockState.EXEMPTED && clock.metAt == null) {
            // the reply is recorded (a next reply then may start), the clock stays out of compliance
            return caughtUp.then(ClockChange.unchanged(new SlaClock(ticketId, metric, severity, ClockState.EXEMPTED,
                    target, startedAt, dueAt, null, clock.pausedFor, at, clock.breachedAt, warningThresholds,
                    clock.firedThresholds, clock.exemptedAt)));
        }
        if (clock.state == ClockState.BREACHED && clock.metAt == null) {
            return caughtUp.then(ClockChange.unchanged(clock.copy(ClockState.BREACHED, clock.dueAt, null,
                    clock.pausedFor, at, clock.breachedAt)));
        }
        if (!clock.state.isOpen()) {
            return caughtUp;
        }
        Duration paused = clock.pausedFor.plus(clock.currentPause(at, calendar));
        SlaClock met = clock.copy(ClockState.MET, clock.dueAt, null, paused, at, null);
        return caughtUp.then(new ClockChange(met, List.of(new ClockEvent.Met(met.dueAt, at))));
    }

    /** Pauses a running clock (the ticket waits on the customer). */
    public ClockChange pause(Instant at, BusinessCalendar calendar) {
        ClockChange caughtUp = fireDue(at, calendar);
        SlaClock clock = caughtUp.clock();
        if (clock.state != ClockState.RUNNING) {
            return caughtUp;
        }
        SlaClock paused = clock.copy(ClockState.PAUSED, clock.dueAt, at, clock.pausedFor, null, null);
        return caughtUp.then(new ClockChange(paused, List.of(new ClockEvent.Paused(at, paused.dueAt))));
    }

    /** Resumes a paused clock; the paused business time moves the due time. */
    public ClockChange resume(Instant at, BusinessCalendar calendar) {
        if (state != ClockState.PAUSED) {
            return ClockChange.unchanged(this);
        }
        Duration paused = pausedFor.plus(currentPause(at, calendar));
        SlaClock running = copy(ClockState.RUNNING, calendar.add(startedAt, target.plus(paused)), null, paused, null, null);
        return new ClockChange(running, List.of(new ClockEvent.Resumed(at, running.dueAt)))
                .then(running.fireDue(at, calendar));
    }

    /**
     * Reopening a resolved ticket resumes its met clock with the time already used: the time it spent resolved
     * counts as paused. A breached clock stays breached (its met time is cleared).
     */
    public ClockChange reopen(Instant at, BusinessCalendar calendar) {
        if (state == ClockState.BREACHED) {
            return ClockChange.unchanged(copy(ClockState.BREACHED, dueAt, null, pausedFor, null, breachedAt));
        }
        if (state != ClockState.MET) {
            return ClockChange.unchanged(this);
        }
        Duration paused = pausedFor.plus(businessTime(metAt, at, calendar));
        SlaClock running = copy(ClockState.RUNNING, calendar.add(startedAt, target.plus(paused)), null, paused, null, null);
        return new ClockChange(running, List.of(new ClockEvent.Resumed(at, running.dueAt)))
                .then(running.fireDue(at, calendar));
    }

    /**
     * A severity change re-targets an open clock: due = start + new target + paused. Already past: breached at
     * once. A null target (no target for the new severity) makes the clock not applicable; a not-applicable
     * clock that gets a target starts counting from its original start.
     */
    public ClockChange retarget(Severity newSeverity, Duration newTarget, Instant at, BusinessCalendar calendar) {
        ClockChange caughtUp = fireDue(at, calendar);
        SlaClock clock = caughtUp.clock().withSeverity(newSeverity);
        if (clock.state == ClockState.MET || clock.state == ClockState.BREACHED || clock.state == ClockState.EXEMPTED) {
            return caughtUp.then(ClockChange.unchanged(clock));
        }
        if (newTarget == null) {
            return caughtUp.then(ClockChange.unchanged(new SlaClock(ticketId, metric, newSeverity,
                    ClockState.NOT_APPLICABLE, null, startedAt, null, null, clock.pausedFor, null, null,
                    warningThresholds, clock.firedThresholds)));
        }
        requirePositive(newTarget);
        List<ClockEvent> events = new ArrayList<>();
        ClockState state = clock.state;
        if (state == ClockState.NOT_APPLICABLE) {
            state = ClockState.RUNNING;
        }
        Instant due = calendar.add(startedAt, newTarget.plus(clock.pausedFor).plus(clock.currentPause(at, calendar)));
        SlaClock retargeted = new SlaClock(ticketId, metric, newSeverity, state, newTarget, startedAt, due,
                clock.pausedAt, clock.pausedFor, null, null, warningThresholds, clock.firedThresholds);
        if (clock.state == ClockState.NOT_APPLICABLE) {
            events.add(new ClockEvent.Started(startedAt, due));
        }
        if (retargeted.used(at, calendar).compareTo(newTarget) >= 0) {
            SlaClock breached = retargeted.breached(at);
            events.add(new ClockEvent.Breached(breached.dueAt, at));
            return caughtUp.then(new ClockChange(breached, events));
        }
        return caughtUp.then(new ClockChange(retargeted, events)).then(retargeted.fireDue(at, calendar));
    }

    /**
     * Whether support may exempt this clock: a running, paused or breached one (a breach is then taken out of
     * compliance); a met, not applicable or already exempted one not.
     */
    public boolean exemptible() {
        return state.isOpen() || state == ClockState.BREACHED;
    }

    /**
     * Exempts the clock at {@code at}: thresholds due before it fire first (what happened stays in the history), then
     * it stops counting and fires nothing more (no timer). Answers no change when the clock is not exemptible then.
     */
    public ClockChange exempt(Instant at, ExemptionReason reason, String note, String by, BusinessCalendar calendar) {
        ClockChange caughtUp = fireDue(at, calendar);
        SlaClock clock = caughtUp.clock();
        if (!clock.exemptible()) {
            return caughtUp;
        }
        Duration paused = clock.pausedFor.plus(clock.currentPause(at, calendar));
        SlaClock exempted = new SlaClock(ticketId, metric, severity, ClockState.EXEMPTED, target, startedAt,
                clock.dueAt, null, paused, clock.metAt, clock.breachedAt, warningThresholds, clock.firedThresholds, at);
        return caughtUp.then(new ClockChange(exempted, List.of(new ClockEvent.Exempted(at, reason, note, by))));
    }

    /**
     * Whether the customer still waits for the reply this clock measures: it runs, is paused, or breached without a
     * reply yet. An exempted or not applicable clock waits for nothing.
     */
    public boolean awaitingReply() {
        return state.isOpen() || state == ClockState.BREACHED && metAt == null;
    }

    /** The same running clock counted on an edited calendar: its due time (and so its timers) move. */
    public SlaClock onCalendar(BusinessCalendar calendar) {
        if (state != ClockState.RUNNING) {
            return this;
        }
        return copy(ClockState.RUNNING, calendar.add(startedAt, target.plus(pausedFor)), null, pausedFor, null, null);
    }

    /** Business time used against the target up to {@code now} (paused time excluded). */
    public Duration used(Instant now, BusinessCalendar calendar) {
        Instant end = switch (state) {
            case PAUSED -> pausedAt;
            case MET -> metAt;
            case BREACHED -> metAt != null ? metAt : now;
            case EXEMPTED -> exemptedAt;
            default -> now;
        };
        if (end == null || end.isAfter(now)) {
            end = now;
        }
        Duration used = businessTime(startedAt, end, calendar).minus(pausedFor);
        return used.isNegative() ? Duration.ZERO : used;
    }

    /** Percentage of the target used, one decimal; null when the clock has no target. */
    public BigDecimal elapsedPercent(Instant now, BusinessCalendar calendar) {
        if (target == null) {
            return null;
        }
        BigDecimal used = BigDecimal.valueOf(used(now, calendar).toMillis());
        return used.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(target.toMillis()), 1, RoundingMode.HALF_UP);
    }

    /** Paused business time including the pause in progress, as of {@code now}. */
    public Duration pausedFor(Instant now, BusinessCalendar calendar) {
        return pausedFor.plus(currentPause(now, calendar));
    }

    private Instant thresholdAt(int percent, BusinessCalendar calendar) {
        Duration share = target.multipliedBy(percent).dividedBy(BREACH_PERCENT);
        return calendar.add(startedAt, share.plus(pausedFor));
    }

    private Duration currentPause(Instant at, BusinessCalendar calendar) {
        return pausedAt == null ? Duration.ZERO : businessTime(pausedAt, at, calendar);
    }

    private static Duration businessTime(Instant from, Instant to, BusinessCalendar calendar) {
        return to.isAfter(from) ? calendar.between(from, to) : Duration.ZERO;
    }

    private SlaClock breached(Instant at) {
        TreeSet<Integer> fired = new TreeSet<>(firedThresholds);
        fired.addAll(warningThresholds);
        fired.add(BREACH_PERCENT);
        return new SlaClock(ticketId, metric, severity, ClockState.BREACHED, target, startedAt, dueAt, pausedAt,
                pausedFor, metAt, at, warningThresholds, fired);
    }

    private SlaClock withFired(int percent) {
        TreeSet<Integer> fired = new TreeSet<>(firedThresholds);
        fired.add(percent);
        return new SlaClock(ticketId, metric, severity, state, target, startedAt, dueAt, pausedAt, pausedFor,
                metAt, breachedAt, warningThresholds, fired);
    }

    private SlaClock withSeverity(Severity newSeverity) {
        return new SlaClock(ticketId, metric, newSeverity, state, target, startedAt, dueAt, pausedAt, pausedFor,
                metAt, breachedAt, warningThresholds, firedThresholds, exemptedAt);
    }

    private SlaClock copy(ClockState newState, Instant newDue, Instant newPausedAt, Duration newPausedFor,
                          Instant newMetAt, Instant newBreachedAt) {
        return new SlaClock(ticketId, metric, severity, newState, target, startedAt, newDue, newPausedAt,
                newPausedFor, newMetAt, newBreachedAt, warningThresholds, firedThresholds);
    }

    private static void requirePositive(Duration target) {
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("an SLA target must be positive, was " + target);
        }
    }
}
