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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 *   <li>up to {@code copiesPerAggregate} copies of one aggregate are kept, each from a load of its own, for commands
 *   that load it at the same time (an organisation, loaded by every ticket opened for it); a load takes the highest
 *   version, and past the bound the lowest is dropped. A copy of an older version is as good as any: the load
 *   brings it up to date from the store before the command sees it.</li>
 * </ul>
 * A write that races another instance between the load and the append still fails on the unique key, as without the
 * cache: the event store stays the only truth. See docs/command-path.md.
 */
public class FreshAggregateCache<T> extends EventSourcingRepository<T> {

    private record Entry<T>(T root, long version) {
    }

    /**
     * The cached copies of one aggregate, highest version first. Each copy is a separate object built by a load of
     * its own, so a command that takes one never shares it; a load takes the highest.
     */
    private record Copies<T>(List<Entry<T>> entries) {

        Copies<T> withoutFirst() {
            return entries.size() == 1 ? null : new Copies<>(entries.subList(1, entries.size()));
        }

        /** With {@code fresh} added; past {@code max} copies the lowest version is dropped. */
        Copies<T> with(Entry<T> fresh, int max) {
            List<Entry<T>> all = new ArrayList<>(entries.size() + 1);
            all.addAll(entries);
            all.add(fresh);
            all.sort(Comparator.comparingLong((Entry<T> e) -> e.version()).reversed());
            return new Copies<>(List.copyOf(all.subList(0, Math.min(max, all.size()))));
        }
    }

    private final EventStore eventStore;
    private final Cache<String, Copies<T>> cache;
    private final int copiesPerAggregate;

    FreshAggregateCache(Builder<T> builder, EventStore eventStore, long maxEntries) {
        this(builder, eventStore, maxEntries, 1);
    }

    /**
     * {@code copiesPerAggregate}: how many copies of one aggregate are kept for commands that load it at the same
     * time (every ticket opened loads its organisation: with one copy, all but one of the tickets opened at once for
     * an organisation read its whole stream from the store, measured in benchmark 1 as a snapshot read on a quarter
     * of the commands).
     */
    FreshAggregateCache(Builder<T> builder, EventStore eventStore, long maxEntries, int copiesPerAggregate) {
        super(builder.eventStore(eventStore));
        this.eventStore = eventStore;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
        this.copiesPerAggregate = copiesPerAggregate;
    }

    /** The number of aggregates cached now (tests and metrics). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The number of copies of the aggregate cached now (tests). */
    public int copiesOf(String aggregateIdentifier) {
        Copies<T> copies = cache.getIfPresent(aggregateIdentifier);
        return copies == null ? 0 : copies.entries().size();
    }

    /** Forgets every cached aggregate. */
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        Entry<T> cached = take(aggregateIdentifier);
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

    /** Takes the cached copy of the highest version out of the cache, if there is one. */
    private Entry<T> take(String aggregateIdentifier) {
        List<Entry<T>> taken = new ArrayList<>(1);
        cache.asMap().computeIfPresent(aggregateIdentifier, (id, copies) -> {
            taken.add(copies.entries().get(0));
            return copies.withoutFirst();
        });
        return taken.isEmpty() ? null : taken.get(0);
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
                Entry<T> fresh = new Entry<>(aggregate.getAggregateRoot(), version);
                cache.asMap().merge(id, new Copies<>(List.of(fresh)), (old, added) -> old.with(fresh, copiesPerAggregate));
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
