package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.tickets.organization.command.OrganizationTerms;

import java.time.Instant;
import java.util.Optional;

/** The terms of an organisation, as its own aggregate knows them. */
public interface OrganizationDirectory {

    /** The terms in effect now. */
    Optional<OrganizationTerms> termsOf(String organizationId);

    /**
     * The terms in effect at {@code at} (an organisation's terms change from stated instants): a ticket opened then
     * is opened under them. A directory of fixed terms answers the same as {@link #termsOf(String)}.
     */
    default Optional<OrganizationTerms> termsOf(String organizationId, Instant at) {
        return termsOf(organizationId);
    }
}
