package dev.helpdesk.webhooks.endpoint;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** One line of an endpoint's delivery log. */
public record DeliveryView(
        long id,
        @Schema(description = "The event id, sent as webhook-id") String eventId,
        String eventType,
        @Schema(description = "PENDING (to be sent or retried), DELIVERED or FAILED (given up)") String state,
        int attempts,
        @Schema(nullable = true) Instant nextAttemptAt,
        @Schema(nullable = true) Instant lastAttemptAt,
        @Schema(nullable = true, description = "HTTP status of the last attempt") Integer lastStatus,
        @Schema(nullable = true) String lastError,
        Instant createdAt,
        @Schema(nullable = true) Instant finishedAt) {
}
