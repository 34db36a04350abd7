package dev.helpdesk.webhooks.endpoint;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of a registration: the endpoint and its signing secret, shown this once. */
public record CreatedEndpointView(
        @JsonUnwrapped EndpointView endpoint,
        @Schema(description = "Signing secret (Standard Webhooks, whsec_ + base64); never shown again",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
}
