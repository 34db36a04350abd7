package dev.helpdesk.pipeline.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * A replay as any instance reads it: {@code done} of {@code total} events ({@code total}: what the history held when
 * it started), {@code skipped} records that could not be applied, events per second and the time left (ISO-8601).
 * {@code state}: RUNNING, COMPLETED, CANCELLED or FAILED.
 */
public record ReplayProgress(String id, String projection, String state, String requestedBy, Instant startedAt,
                             Instant updatedAt, Instant finishedAt, long done, long total, long skipped, int percent,
                             double rate, String eta, String error) {

    static ReplayProgress of(ReplayLog.Row row) {
        boolean completed = row.state().equals(ReplayStates.COMPLETED);
        Instant until = row.finishedAt() != null ? row.finishedAt() : row.updatedAt();
        double seconds = Math.max(0.001, Duration.between(row.startedAt(), until).toMillis() / 1000.0);
        double rate = Math.round(row.done() / seconds * 10) / 10.0;
        long left = Math.max(0, row.total() - row.done());
        String eta = !row.state().equals(ReplayStates.RUNNING) ? null
                : rate > 0 ? Duration.ofMillis((long) (left / rate * 1000)).toString() : null;
        int percent = completed ? 100 : row.total() == 0 ? 0 : (int) Math.min(99, row.done() * 100 / row.total());
        return new ReplayProgress(row.id().toString(), row.projection(), row.state(), row.requestedBy(),
                row.startedAt(), row.updatedAt(), row.finishedAt(), row.done(), row.total(), row.skipped(), percent,
                rate, eta, row.error());
    }
}
