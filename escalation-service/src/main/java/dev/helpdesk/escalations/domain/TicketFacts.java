package dev.helpdesk.escalations.domain;

import dev.helpdesk.events.Severity;

/**
 * What the escalation rules need to know of a ticket.
 *
 * @param resolved           true while the ticket is resolved or closed
 * @param severity           its current severity, null when not yet known
 * @param highestLevelRaised the highest escalation level ever raised on it, 0 when never escalated
 */
public record TicketFacts(boolean resolved, Severity severity, int highestLevelRaised) {

    public boolean escalated() {
        return highestLevelRaised > 0;
    }
}
