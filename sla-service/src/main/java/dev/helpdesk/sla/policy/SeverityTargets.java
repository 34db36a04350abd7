package dev.helpdesk.sla.policy;

import dev.helpdesk.sla.clock.Metric;
import java.time.Duration;

/**
 * The targets of one severity; a null resolution target means none (the clock is not applicable). The next-reply
 * target is the first-response target unless the policy sets its own (docs/sla-contract.md).
 */
public record SeverityTargets(Duration firstResponse, Duration resolution, Duration nextReply) {

    public SeverityTargets {
        nextReply = nextReply == null ? firstResponse : nextReply;
    }

    /** Targets without a next-reply target of their own (it is the first-response target). */
    public SeverityTargets(Duration firstResponse, Duration resolution) {
        this(firstResponse, resolution, null);
    }

    public Duration of(Metric metric) {
        return switch (metric) {
            case FIRST_RESPONSE -> firstResponse;
            case RESOLUTION -> resolution;
            case NEXT_REPLY -> nextReply;
        };
    }
}
