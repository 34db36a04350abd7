package dev.helpdesk.budgets.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A rebuild's progress and result. {@code positions} is the next offset read per partition, {@code endOffsets} the
 * offsets it is catching up to; {@code state} is {@code RUNNING}, {@code SWITCHING}, {@code COMPLETED} or
 * {@code FAILED}.
 */
public record ReplayView(UUID id, String projection, String state, String requestedBy, Instant startedAt,
                         Instant updatedAt, Instant finishedAt, long eventsRead, Map<String, Long> positions,
                         Map<String, Long> endOffsets, BigDecimal ratePerSecond, Map<String, Object> result,
                         String error) {
}
