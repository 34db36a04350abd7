package dev.helpdesk.budgets.replay;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A rebuild's progress and result, in API.md's shape ({@code done}, {@code total}, {@code percent}, {@code rate} in
 * events/s, {@code eta} an ISO-8601 duration while running), the same fields the other services' replays answer.
 * {@code total} is what was read plus what is left between each partition's position and the offset the rebuild
 * catches up to ({@code endOffsets}); it grows when live writes move the end while the rebuild runs. {@code state} is
 * {@code RUNNING}, {@code SWITCHING}, {@code COMPLETED} or {@code FAILED}. {@code eventsRead} and
 * {@code ratePerSecond} are the earlier names of {@code done} and {@code rate}, kept for clients that read them.
 */
public record ReplayView(UUID id, String projection, String state, String requestedBy, Instant startedAt,
                         Instant updatedAt, Instant finishedAt, long done, long total, int percent, BigDecimal rate,
                         String eta, long eventsRead, Map<String, Long> positions, Map<String, Long> endOffsets,
                         BigDecimal ratePerSecond, Map<String, Object> result, String error) {

    static ReplayView of(UUID id, String projection, String state, String requestedBy, Instant startedAt,
                         Instant updatedAt, Instant finishedAt, long eventsRead, Map<String, Long> positions,
                         Map<String, Long> endOffsets, BigDecimal ratePerSecond, Map<String, Object> result,
                         String error) {
        long left = 0;
        if (endOffsets != null) {
            for (Map.Entry<String, Long> end : endOffsets.entrySet()) {
                Long position = positions == null ? null : positions.get(end.getKey());
                left += Math.max(0, end.getValue() - (position == null ? 0 : position));
            }
        }
        boolean completed = "COMPLETED".equals(state);
        boolean running = "RUNNING".equals(state) || "SWITCHING".equals(state);
        long total = eventsRead + (completed ? 0 : left);
        int percent = completed ? 100 : total == 0 ? 0 : (int) Math.min(99, eventsRead * 100 / total);
        String eta = null;
        if (running && ratePerSecond != null && ratePerSecond.signum() > 0) {
            eta = Duration.ofMillis((long) (left / ratePerSecond.doubleValue() * 1000)).toString();
        }
        return new ReplayView(id, projection, state, requestedBy, startedAt, updatedAt, finishedAt, eventsRead, total,
                percent, ratePerSecond, eta, eventsRead, positions, endOffsets, ratePerSecond, result, error);
    }
}
