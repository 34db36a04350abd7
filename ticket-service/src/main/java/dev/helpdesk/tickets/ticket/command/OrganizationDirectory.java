package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.tickets.organization.command.OrganizationTerms;

import java.util.Optional;

/** The current terms of an organisation, as its own aggregate knows them. */
public interface OrganizationDirectory {
    Optional<OrganizationTerms> termsOf(String organizationId);
}
