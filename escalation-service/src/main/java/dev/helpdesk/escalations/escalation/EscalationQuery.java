package dev.helpdesk.escalations.escalation;

import dev.helpdesk.escalations.domain.EscalationState;

/** A page of escalations filtered by ticket, organisation and state (null filters match everything). */
public record EscalationQuery(String ticketId, String organizationId, EscalationState state, int page, int size) {
}
