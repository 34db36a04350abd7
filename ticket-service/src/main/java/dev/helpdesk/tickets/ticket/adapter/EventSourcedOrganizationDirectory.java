package dev.helpdesk.tickets.ticket.adapter;

import dev.helpdesk.tickets.organization.command.Organization;
import dev.helpdesk.tickets.ticket.command.OrganizationDirectory;
import dev.helpdesk.tickets.organization.command.OrganizationTerms;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads an organisation's terms from its event-sourced aggregate, inside the unit of work that opens the ticket. */
@Component
class EventSourcedOrganizationDirectory implements OrganizationDirectory {

    private final Configuration axon;

    EventSourcedOrganizationDirectory(@Lazy Configuration axon) {
        this.axon = axon;
    }

    @Override
    public Optional<OrganizationTerms> termsOf(String organizationId) {
        try {
            return Optional.of(axon.repository(Organization.class).load(organizationId).invoke(Organization::terms));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
