package dev.helpdesk.sla.ticket;

import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.policy.SeverityTargets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A ticket as the SLA service tracks it, with the policy version (targets, thresholds) it was opened under.
 * {@code withoutTargets}: its policy gives its type no targets at all, so no clock ever starts for it.
 */
public record SlaTicket(
        String ticketId,
        String organizationId,
        TicketType type,
        Severity severity,
        TicketStatus status,
        String policyId,
        long policyVersion,
        String calendarId,
        ZoneId zone,
        Map<Severity, SeverityTargets> targets,
        List<Integer> warningThresholds,
        Instant openedAt,
        boolean withoutTargets) {

    /** A ticket whose type has targets. */
    public SlaTicket(String ticketId, String organizationId, TicketType type, Severity severity, TicketStatus status,
                     String policyId, long policyVersion, String calendarId, ZoneId zone,
                     Map<Severity, SeverityTargets> targets, List<Integer> warningThresholds, Instant openedAt) {
        this(ticketId, organizationId, type, severity, status, policyId, policyVersion, calendarId, zone, targets,
                warningThresholds, openedAt, false);
    }

    /**
     * The target of a metric at a severity; null when none applies (resolution of bugs, requests, refreshes; every
     * metric of a ticket whose type has no targets).
     */
    public Duration target(Metric metric, Severity atSeverity) {
        if (withoutTargets || metric == Metric.RESOLUTION && !type.hasResolutionTarget()) {
            return null;
        }
        SeverityTargets atThatSeverity = targets.get(atSeverity);
        return atThatSeverity == null ? null : atThatSeverity.of(metric);
    }

    public SlaTicket with(Severity newSeverity, TicketStatus newStatus) {
        return new SlaTicket(ticketId, organizationId, type, newSeverity, newStatus, policyId, policyVersion,
                calendarId, zone, targets, warningThresholds, openedAt, withoutTargets);
    }
}
