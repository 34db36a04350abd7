package dev.helpdesk.escalations.escalation;

import dev.helpdesk.escalations.domain.EscalationState;

/**
 * A page of escalations filtered by ticket and state (null filters match everything); the organisation is the
 * caller's {@link dev.helpdesk.edge.caller.TenantScope}.
 */
public record EscalationQuery(String ticketId, EscalationState state, int page, int size) {
}
