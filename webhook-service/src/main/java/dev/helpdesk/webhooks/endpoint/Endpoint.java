package dev.helpdesk.webhooks.endpoint;

import dev.helpdesk.webhooks.domain.Subscription;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A registered endpoint as stored (the secrets stay inside the service: views never carry them). */
public record Endpoint(UUID id, String url, List<String> eventTypes, String organizationId, boolean active,
                       String secret, String previousSecret, Instant previousSecretUntil, int consecutiveFailures,
                       Instant disabledAt, String disabledReason, String createdBy, Instant createdAt,
                       Instant updatedAt, long version) {

    public Subscription subscription() {
        return new Subscription(Set.copyOf(eventTypes), organizationId, active);
    }
}
