package dev.helpdesk.sla.policy;

import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import java.util.EnumSet;
import java.util.Set;
import dev.helpdesk.sla.clock.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A validated SLA policy at one version; tickets of {@code typesWithoutTargets} get no clock at all. */
public record SlaPolicy(String id, long version, String calendarId, List<Integer> warningThresholds,
                        Map<Severity, SeverityTargets> targets, Set<TicketType> typesWithoutTargets) {

    public SlaPolicy {
        typesWithoutTargets = typesWithoutTargets.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(typesWithoutTargets));
    }

    public boolean hasTargets(TicketType type) {
        return !typesWithoutTargets.contains(type);
    }

    /**
     * The longest target a policy may set: 366 days of business time (8,784 hours), a year of round-the-clock
     * service. It bounds what one clock costs to compute (business-time arithmetic grows with the weeks crossed).
     */
    public static final Duration MAX_TARGET = Duration.ofDays(366);

    /** What a target over {@link #MAX_TARGET} is told. */
    public static final String MAX_TARGET_MESSAGE = "must be at most P366D (366 days of business time)";

    public Duration target(Severity severity, Metric metric) {
        return targets.get(severity).of(metric);
    }
}
