package dev.helpdesk.sla.policy;

import dev.helpdesk.sla.clock.Metric;
import java.time.Duration;

/** The targets of one severity; a null resolution target means none (the clock is not applicable). */
public record SeverityTargets(Duration firstResponse, Duration resolution) {

    public Duration of(Metric metric) {
        return metric == Metric.FIRST_RESPONSE ? firstResponse : resolution;
    }
}
