package dev.helpdesk.pipeline.inbound;

import dev.helpdesk.events.ReceivedEvent;

/**
 * What one service does with the events of one topic. The pipeline reads each record's envelope once, skips the types
 * this handler does not act on without touching the database, binds the data of the others with {@link #decode},
 * drops repeats in bulk and hands the rest to {@link #apply} inside one transaction per poll.
 */
public interface EventHandler {

    /** Whether this service acts on events of the type; all others are skipped. */
    boolean handles(String type);

    /**
     * Binds and checks the event's data (for example with {@code ReceivedEvents.data}); throws
     * {@link dev.helpdesk.events.UnreadableEventException} when it breaks the type's schema (the record is then set
     * aside as a dead letter with that reason).
     */
    Object decode(ReceivedEvent event);

    /**
     * Applies the events, in order, in the pipeline's transaction. A failure that a retry cannot mend (a rule or a
     * constraint refusing an event) makes the pipeline apply the poll's events one at a time and set aside those
     * that still fail after a bounded number of tries; a transient failure (database unreachable) is retried with
     * back-off for as long as it lasts.
     */
    void apply(InboundBatch batch);

    /**
     * Whether the pipeline records applied event ids ({@code processed_event}) and drops repeats. A handler whose
     * state is idempotent by itself, or which de-duplicates in its own terms, answers false.
     */
    default boolean deduplicates() {
        return true;
    }

    /**
     * Whether applying an event of this type again leaves the state exactly as the first time did (for example an
     * insert that a key makes a no-op when repeated), so that a handler which {@link #deduplicates()} need not have
     * its id recorded: one statement less per poll that holds only such events.
     */
    default boolean idempotent(String type) {
        return false;
    }
}
