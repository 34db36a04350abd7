package dev.helpdesk.tickets.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.Callable;

/**
 * An event-sourced repository that keeps the aggregates it loaded in a bounded in-memory cache and still never works
 * on a stale one, although several instances write to the same event store:
 * <ul>
 *   <li>a load <em>takes</em> the entry out of the cache (no two commands ever share an aggregate object) and reads
 *   only the events stored after the cached version (one indexed query, none found in the usual case): what another
 *   instance appended meanwhile is applied before the command sees the aggregate;</li>
 *   <li>the aggregate goes back into the cache only after its transaction committed, with the version committed;
 *   a failed command (a rule refused it, or the append lost a race on the stream's unique (aggregate, sequence) key
 *   and answered 409) drops it, and the next load sources it from the store again;</li>
 *   <li>whoever puts back the higher version wins, so an older copy never replaces a newer one.</li>
 * </ul>
 * A write that races another instance between the load and the append still fails on the unique key, as without the
 * cache: the event store stays the only truth. See docs/command-path.md.
 */
public class FreshAggregateCache<T> extends EventSourcingRepository<T> {

    private record Entry<T>(T root, long version) {
    }

    private final EventStore eventStore;
    private final Cache<String, Entry<T>> cache;

    FreshAggregateCache(Builder<T> builder, EventStore eventStore, long maxEntries) {
        super(builder.eventStore(eventStore));
        this.eventStore = eventStore;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The number of aggregates cached now (tests and metrics). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Forgets every cached aggregate. */
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        Entry<T> cached = cache.asMap().remove(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate;
        if (cached == null) {
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        } else {
            aggregate = EventSourcedAggregate.reconstruct(cached.root(), aggregateModel(), cached.version(), false,
                    eventStore, NoSnapshotTriggerDefinition.TRIGGER);
            DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, cached.version() + 1);
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
            }
            if (aggregate.isDeleted()) {
                throw new AggregateDeletedException(aggregateIdentifier);
            }
        }
        putBackAfterCommit(aggregate);
        return aggregate;
    }

    @Override
    protected EventSourcedAggregate<T> doCreateNewForLock(Callable<T> factoryMethod) throws Exception {
        EventSourcedAggregate<T> aggregate = super.doCreateNewForLock(factoryMethod);
        putBackAfterCommit(aggregate);
        return aggregate;
    }

    /**
     * After the physical commit: the Spring transaction's when one is open (a caller's transaction the command joined
     * commits after the unit of work), else the unit of work's.
     */
    private void putBackAfterCommit(EventSourcedAggregate<T> aggregate) {
        Runnable putBack = () -> {
            Long version = aggregate.version();
            String id = aggregate.identifierAsString();
            if (version != null && id != null && !aggregate.isDeleted()) {
                cache.asMap().merge(id, new Entry<>(aggregate.getAggregateRoot(), version),
                        (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    putBack.run();
                }
            });
        } else {
            CurrentUnitOfWork.get().afterCommit(u -> putBack.run());
        }
    }
}
