package dev.helpdesk.tickets.publishing;

import dev.helpdesk.testsupport.RealInfrastructure;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store reads without a transaction of its own, and writes in one ({@link ThrottledGapCheckStorageEngine}):
 * an append made outside any transaction (no unit of work, no Spring transaction) still stores all its events or none.
 */
@SpringBootTest(properties = "helpdesk.tickets.publishing.enabled=false")
@RealInfrastructure(database = "tickets")
class EventStoreWritesTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAppendOutsideAnyTransactionStoresAllItsEventsOrNone() {
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
        String stored = "append-" + UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Probe", stored, 0, "first"));
        assertThat(eventStore.readEvents(stored).asStream().count()).as("read outside a transaction").isEqualTo(1);

        String fresh = "append-" + UUID.randomUUID();
        // the second event repeats the stored one's sequence: the append fails on the unique (aggregate, sequence) key
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Probe", fresh, 0, "new"),
                new GenericDomainEventMessage<>("Probe", fresh, 1, "new too"),
                new GenericDomainEventMessage<>("Probe", stored, 0, "again"))).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (?, ?)",
                Long.class, stored, fresh)).as("the failed append left nothing behind").isEqualTo(1);
    }
}
