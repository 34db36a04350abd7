package dev.helpdesk.tickets.ticket.adapter;

import dev.helpdesk.tickets.organization.command.Organization;
import dev.helpdesk.tickets.ticket.command.OrganizationDirectory;
import dev.helpdesk.tickets.organization.command.OrganizationTerms;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Reads an organisation's terms from its event-sourced aggregate, inside the unit of work that opens the ticket. */
@Component
class EventSourcedOrganizationDirectory implements OrganizationDirectory {

    private final Configuration axon;
    private final Clock clock;

    EventSourcedOrganizationDirectory(@Lazy Configuration axon, Clock clock) {
        this.axon = axon;
        this.clock = clock;
    }

    @Override
    public Optional<OrganizationTerms> termsOf(String organizationId) {
        return termsOf(organizationId, clock.instant());
    }

    @Override
    public Optional<OrganizationTerms> termsOf(String organizationId, Instant at) {
        try {
            return Optional.of(axon.repository(Organization.class).load(organizationId).invoke(o -> o.terms(at)));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
