package dev.helpdesk.webhooks.endpoint;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An endpoint as the API shows it: never its secret (shown once, by {@link CreatedEndpointView} and a rotation). */
public record EndpointView(UUID id, String url, List<String> eventTypes,
                           @Schema(nullable = true) String organizationId, boolean active,
                           @Schema(description = "Deliveries given up in a row") int consecutiveFailures,
                           @Schema(nullable = true) Instant disabledAt,
                           @Schema(nullable = true, description = "Why the service disabled it") String disabledReason,
                           String createdBy, Instant createdAt, Instant updatedAt, long version) {

    static EndpointView of(Endpoint e) {
        return new EndpointView(e.id(), e.url(), e.eventTypes(), e.organizationId(), e.active(),
                e.consecutiveFailures(), e.disabledAt(), e.disabledReason(), e.createdBy(), e.createdAt(),
                e.updatedAt(), e.version());
    }
}
