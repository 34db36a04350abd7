package dev.helpdesk.sla.policy;

import dev.helpdesk.events.Severity;
import dev.helpdesk.sla.clock.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A validated SLA policy at one version. */
public record SlaPolicy(String id, long version, String calendarId, List<Integer> warningThresholds,
                        Map<Severity, SeverityTargets> targets) {

    public Duration target(Severity severity, Metric metric) {
        return targets.get(severity).of(metric);
    }
}
