package dev.helpdesk.tickets.config;

import dev.helpdesk.tickets.organization.command.ContactTransfers;
import dev.helpdesk.tickets.organization.command.Organization;
import dev.helpdesk.tickets.ticket.command.Ticket;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The repositories of the two aggregates, both caching what they load ({@link FreshAggregateCache}: bounded, and
 * brought up to date from the store on every load, so several instances stay correct).
 * <p>
 * Organisations are loaded without Axon's pessimistic in-JVM lock. Every ticket opened loads its organisation (to
 * check contact and support period); with the default lock all tickets of one organisation were opened one after
 * the other (seen in a JFR profile of the command benchmark: request threads parked in
 * {@code PessimisticLockFactory.obtainLock} under {@code EventSourcedOrganizationDirectory.termsOf}). Writes to an
 * organisation stay safe without it: appends are checked optimistically by the event store's unique
 * (aggregate, sequence) key, and a lost race answers 409 like any concurrent change; the cache never hands one
 * organisation object to two commands at once. It keeps up to {@link #ORGANIZATION_COPIES} copies of each organisation,
 * so that tickets opened at once for one organisation do not read its stream from the store.
 */
@Configuration
class OrganizationRepositoryConfig {

    /**
     * Copies of one organisation kept for tickets opened for it at the same time (each takes one; without a copy left,
     * a load reads the organisation's whole stream). Tickets are written one command at a time: one copy each.
     */
    static final int ORGANIZATION_COPIES = 16;

    @Bean
    FreshAggregateCache<Organization> organizationRepository(EventStore eventStore, ParameterResolverFactory parameters,
                                                             HandlerDefinition handlers,
                                                             @Value("${helpdesk.tickets.aggregate-cache.organizations:2000}") long size) {
        return new FreshAggregateCache<>(EventSourcingRepository.builder(Organization.class)
                .parameterResolverFactory(parameters)
                .handlerDefinition(handlers)
                .lockFactory(NullLockFactory.INSTANCE), eventStore, size, ORGANIZATION_COPIES);
    }

    @Bean
    FreshAggregateCache<Ticket> ticketRepository(EventStore eventStore, ParameterResolverFactory parameters,
                                                 HandlerDefinition handlers,
                                                 @Value("${helpdesk.tickets.aggregate-cache.tickets:20000}") long size) {
        return new FreshAggregateCache<>(EventSourcingRepository.builder(Ticket.class)
                .parameterResolverFactory(parameters)
                .handlerDefinition(handlers), eventStore, size);
    }

    /** The contact transfer's command handler (two organisations in one unit of work). */
    @Bean
    ContactTransfers contactTransfers(EventSourcingRepository<Organization> organizationRepository) {
        return new ContactTransfers(organizationRepository);
    }
}
