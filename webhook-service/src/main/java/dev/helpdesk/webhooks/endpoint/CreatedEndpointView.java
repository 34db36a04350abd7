package dev.helpdesk.webhooks.endpoint;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The answer of a registration: the endpoint as {@link EndpointView} shows it, and its signing secret, shown once. */
public record CreatedEndpointView(UUID id, String url, List<String> eventTypes,
                                  @Schema(nullable = true) String organizationId, boolean active,
                                  int consecutiveFailures, @Schema(nullable = true) Instant disabledAt,
                                  @Schema(nullable = true) String disabledReason, String createdBy, Instant createdAt,
                                  Instant updatedAt, long version,
                                  @Schema(description = "Signing secret (Standard Webhooks, whsec_ + base64); never shown again",
                                          example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {

    static CreatedEndpointView of(EndpointView e, String secret) {
        return new CreatedEndpointView(e.id(), e.url(), e.eventTypes(), e.organizationId(), e.active(),
                e.consecutiveFailures(), e.disabledAt(), e.disabledReason(), e.createdBy(), e.createdAt(),
                e.updatedAt(), e.version(), secret);
    }
}
