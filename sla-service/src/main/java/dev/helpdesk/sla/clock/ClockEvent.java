package dev.helpdesk.sla.clock;

import java.time.Instant;

/** What happened to a clock in one transition; the service publishes each as an event of helpdesk.sla.v1. */
public sealed interface ClockEvent {

    record Started(Instant startedAt, Instant dueAt) implements ClockEvent {
    }

    record Paused(Instant at, Instant dueAt) implements ClockEvent {
    }

    record Resumed(Instant at, Instant dueAt) implements ClockEvent {
    }

    record WarningReached(int thresholdPercent, Instant at, Instant dueAt) implements ClockEvent {
    }

    record Breached(Instant dueAt, Instant breachedAt) implements ClockEvent {
    }

    record Met(Instant dueAt, Instant metAt) implements ClockEvent {
    }

    /** Support exempted the clock ({@code by}: the user). */
    record Exempted(Instant at, ExemptionReason reason, String note, String by) implements ClockEvent {
    }
}
