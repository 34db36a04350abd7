package dev.helpdesk.sla.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The targets of one severity as ISO-8601 durations; {@code resolution} null means none, {@code nextReply} null (or
 * absent, as in policies stored before it existed) means the first-response target.
 */
public record TargetDocument(
        @Schema(description = "Business time until the first response, an ISO-8601 duration, positive and at most "
                + "P366D (366 days of business time); larger targets are refused with 400.", example = "PT1H",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String firstResponse,
        @Schema(description = "Business time until resolution, an ISO-8601 duration, positive and at most P366D "
                + "(366 days of business time); null for none. Larger targets are refused with 400.",
                example = "PT8H", nullable = true)
        String resolution,
        @Schema(description = "Business time from a contact's public comment until support's next public reply "
                + "(NEXT_REPLY clock), an ISO-8601 duration, positive and at most P366D; null or absent: the "
                + "first-response target.", example = "PT4H", nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String nextReply) {

    /** A target without a next-reply target of its own. */
    public TargetDocument(String firstResponse, String resolution) {
        this(firstResponse, resolution, null);
    }
}
