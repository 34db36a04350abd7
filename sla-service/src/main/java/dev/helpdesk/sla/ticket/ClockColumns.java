package dev.helpdesk.sla.ticket;

import dev.helpdesk.sla.clock.SlaClock;
import java.time.Instant;
import java.util.List;

/**
 * The fields of {@link SlaClock} that both {@code clock} and {@code clock_segment} store, one array per column for the
 * {@code unnest} of a batch insert ({@link TicketStore#saveAll}, {@link ClockSegments#columns}): instants as ISO-8601
 * text, durations in milliseconds. Each table adds its own columns around them.
 */
final class ClockColumns {

    final String[] ticketIds;
    final String[] metrics;
    final String[] severities;
    final String[] states;
    private final Long[] targets;
    private final String[] startedAt;
    private final String[] dueAt;
    private final String[] pausedAt;
    private final Long[] pausedFor;
    private final String[] metAt;
    private final String[] breachedAt;

    ClockColumns(int size) {
        ticketIds = new String[size];
        metrics = new String[size];
        severities = new String[size];
        states = new String[size];
        targets = new Long[size];
        startedAt = new String[size];
        dueAt = new String[size];
        pausedAt = new String[size];
        pausedFor = new Long[size];
        metAt = new String[size];
        breachedAt = new String[size];
    }

    /** Puts the clock in row {@code i}. */
    void set(int i, SlaClock clock) {
        ticketIds[i] = clock.ticketId();
        metrics[i] = clock.metric().name();
        severities[i] = clock.severity().name();
        states[i] = clock.state().name();
        targets[i] = clock.target() == null ? null : clock.target().toMillis();
        startedAt[i] = text(clock.startedAt());
        dueAt[i] = text(clock.dueAt());
        pausedAt[i] = text(clock.pausedAt());
        pausedFor[i] = clock.pausedFor().toMillis();
        metAt[i] = text(clock.metAt());
        breachedAt[i] = text(clock.breachedAt());
    }

    /** The columns {@code target_ms} to {@code breached_at}, in the order both tables have them. */
    List<Object> targetToBreached() {
        return List.of(targets, startedAt, dueAt, pausedAt, pausedFor, metAt, breachedAt);
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
