package dev.helpdesk.webhooks.endpoint;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** The answer of a rotation: the new secret, shown this once, and until when the previous one still signs too. */
public record RotatedSecretView(
        UUID id,
        @Schema(description = "New signing secret (whsec_ + base64); never shown again") String secret,
        @Schema(description = "Until then each delivery carries a signature with the previous secret as well")
        Instant previousSecretValidUntil,
        long version) {
}
