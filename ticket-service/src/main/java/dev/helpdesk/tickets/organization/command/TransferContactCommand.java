package dev.helpdesk.tickets.organization.command;

import java.time.Instant;

/**
 * Moves a technical contact from one organisation to another: both streams change in one unit of work (see
 * {@link ContactTransfers}). {@code expectedVersion} is the source organisation's.
 */
public record TransferContactCommand(
        String organizationId,
        String userId,
        String toOrganizationId,
        String transferredBy,
        Instant at,
        Long expectedVersion) {
}
