package dev.helpdesk.tickets.publishing;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.time.Duration;
import java.util.List;

/**
 * Axon's JDBC event store with its extended gap check at most once per {@code extendedGapCheckInterval} instead of
 * on every empty read. A tracking reader reads the window {@code (token index, index + batch size]} (plus the open
 * gaps); when that window is empty Axon's extended check asks for the next stored index beyond it, which is only
 * needed after a run of more than a batch of unused indexes (rolled-back appends burn {@code global_index} values).
 * Done on every wake-up of an idle reader it doubles the reader's queries for nothing; done every few seconds it
 * still frees a reader stuck behind such a run, only later (docs/publishing.md).
 * <p>
 * Reads run without a transaction of their own (the builder's transaction manager is Axon's
 * {@code NoTransactionManager}): each is a single statement, which PostgreSQL runs atomically on a snapshot of its
 * own, exactly as inside a read-committed transaction, and bytea needs none. Inside a command's transaction a read
 * still uses that transaction's connection. That saves a {@code BEGIN} and a {@code COMMIT} per read, the most of
 * the tracking reader's round trips (issue 15). Writes (appends, snapshots) run in {@code writes}: they join the
 * caller's transaction, as a command's append always does, or run in one of their own, so that the events of one
 * append are stored all or none.
 */
final class ThrottledGapCheckStorageEngine extends JdbcEventStorageEngine {

    private final long intervalNanos;
    private final TransactionManager writes;
    private volatile long lastExtendedCheck = System.nanoTime();

    /**
     * {@code builder} must have {@code extendedGapCheckEnabled(false)} (this class does that check itself) and Axon's
     * {@code NoTransactionManager}; {@code writes} is the transaction manager appends and snapshots run in.
     */
    ThrottledGapCheckStorageEngine(Builder builder, Duration extendedGapCheckInterval, TransactionManager writes) {
        super(builder);
        this.intervalNanos = extendedGapCheckInterval.toNanos();
        this.writes = writes;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        writes.executeInTransaction(() -> super.appendEvents(events, serializer));
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        writes.executeInTransaction(() -> super.storeSnapshot(snapshot, serializer));
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> found = super.fetchTrackedEvents(lastToken, batchSize);
        long now = System.nanoTime();
        if (!found.isEmpty() || now - lastExtendedCheck < intervalNanos) {
            return found;
        }
        lastExtendedCheck = now;
        long index = lastToken == null ? -1 : ((GapAwareTrackingToken) lastToken).getIndex();
        Long next = JdbcUtils.executeQuery(getConnection(), connection -> fetchTrackedEvents(connection, index),
                resultSet -> resultSet.next() ? JdbcUtils.extract(resultSet, 1, Long.class) : null,
                e -> new EventStoreException("Failed to look beyond index " + index, e));
        if (next != null && next - index > batchSize) {
            return super.fetchTrackedEvents(lastToken, (int) Math.min(Integer.MAX_VALUE, next - index));
        }
        return found;
    }
}
