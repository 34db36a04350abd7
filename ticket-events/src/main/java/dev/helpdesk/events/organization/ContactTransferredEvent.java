package dev.helpdesk.events.organization;

import java.time.Instant;

/**
 * A contact left this organisation ({@code organizationId}) for another one ({@code toOrganizationId}). Written on
 * the source organisation's stream; the target organisation's stream gets a {@link ContactAddedEvent} for the same
 * user. The contact's open tickets stay with the organisation they were opened for.
 */
public record ContactTransferredEvent(
        String organizationId,
        String userId,
        String toOrganizationId,
        String transferredBy,
        Instant transferredAt) {
}
