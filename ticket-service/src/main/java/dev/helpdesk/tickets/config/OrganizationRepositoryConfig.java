package dev.helpdesk.tickets.config;

import dev.helpdesk.tickets.organization.command.ContactTransfers;
import dev.helpdesk.tickets.organization.command.Organization;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Organisations are loaded without Axon's pessimistic in-JVM lock. Every ticket opened loads its organisation (to
 * check contact and support period); with the default lock all tickets of one organisation were opened one after
 * the other (seen in a JFR profile of the command benchmark: request threads parked in
 * {@code PessimisticLockFactory.obtainLock} under {@code EventSourcedOrganizationDirectory.termsOf}). Writes to an
 * organisation stay safe without it: appends are checked optimistically by the event store's unique
 * (aggregate, sequence) key, and a lost race answers 409 like any concurrent change.
 */
@Configuration
class OrganizationRepositoryConfig {

    @Bean
    EventSourcingRepository<Organization> organizationRepository(EventStore eventStore) {
        return EventSourcingRepository.builder(Organization.class)
                .eventStore(eventStore)
                .lockFactory(NullLockFactory.INSTANCE)
                .build();
    }

    /** The contact transfer's command handler (two organisations in one unit of work). */
    @Bean
    ContactTransfers contactTransfers(EventSourcingRepository<Organization> organizationRepository) {
        return new ContactTransfers(organizationRepository);
    }
}
