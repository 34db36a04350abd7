package dev.helpdesk.sla.policy;

import io.swagger.v3.oas.annotations.media.Schema;

/** The targets of one severity as ISO-8601 durations; {@code resolution} null means none. */
public record TargetDocument(
        @Schema(description = "Business time until the first response, an ISO-8601 duration, positive and at most "
                + "P366D (366 days of business time); larger targets are refused with 400.", example = "PT1H",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String firstResponse,
        @Schema(description = "Business time until resolution, an ISO-8601 duration, positive and at most P366D "
                + "(366 days of business time); null for none. Larger targets are refused with 400.",
                example = "PT8H", nullable = true)
        String resolution) {
}
