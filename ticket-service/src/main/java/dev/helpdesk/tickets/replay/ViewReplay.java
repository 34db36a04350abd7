package dev.helpdesk.tickets.replay;

import dev.helpdesk.tickets.ticket.query.TicketViewGeneration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One replay of the ticket views: reads the whole store in order into the next generation, batch by batch (each in
 * its own transaction, progress reported after each), then, with the served tables locked, applies what was written
 * meanwhile, rebuilds the tickets of events that were committed late (positions it had passed as gaps) from their
 * streams, and switches generations in the same transaction. A cancelled replay drops what it built.
 */
final class ViewReplay {

    private static final Logger log = LoggerFactory.getLogger(ViewReplay.class);
    static final int BATCH = 1000;
    /** How long the switch waits for the served tables (then catches up again and retries). */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    private static final int SWITCH_ATTEMPTS = 5;
    /** At most this many positions of one jump in the store's numbering are remembered as gaps. */
    private static final int MAX_GAP = 10_000;

    private final UUID id;
    private final ReplayRecords records;
    private final StoreEvents store;
    private final TicketViewGeneration generations;
    private final TicketViewGeneration.Next generation;
    private final TransactionTemplate transaction;
    private final TreeSet<Long> gaps = new TreeSet<>();
    private long position = 0; // global indexes start at 1
    private long done;

    ViewReplay(UUID id, ReplayRecords records, StoreEvents store, TicketViewGeneration generation,
               TransactionTemplate transaction) {
        this.id = id;
        this.records = records;
        this.store = store;
        this.generations = generation;
        this.generation = generation.next(id.toString().replace("-", ""));
        this.transaction = transaction;
    }

    void run() {
        try {
            generation.prepare();
            while (true) {
                int read = transaction.execute(status -> catchUp());
                String state = records.progressed(id, position, done);
                if (!state.equals("RUNNING")) {
                    stopped(state);
                    return;
                }
                if (read < BATCH) {
                    break;
                }
            }
            generation.analyze();
            switchOver();
        } catch (Exception e) {
            log.error("Replay {} of the ticket views failed", id, e);
            if (records.failed(id, "Replay failed: " + e.getClass().getSimpleName())) {
                discardQuietly();
            }
        }
    }

    /** Applies the next batch after {@link #position}; answers how many events it read. */
    private int catchUp() {
        List<StoreEvents.Stored> batch = store.after(position, BATCH);
        try {
            generation.apply(batch.stream().map(StoreEvents.Stored::message).toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (StoreEvents.Stored event : batch) {
            for (long gap = Math.max(position + 1, event.position() - MAX_GAP); gap < event.position(); gap++) {
                gaps.add(gap);
            }
            position = event.position();
        }
        done += batch.size();
        return batch.size();
    }

    private void switchOver() {
        for (int attempt = 1; ; attempt++) {
            try {
                String state = transaction.execute(status -> switchLocked());
                if (!state.equals("RUNNING")) {
                    stopped(state);
                }
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == SWITCH_ATTEMPTS) {
                    throw e;
                }
                log.info("Replay {}: the ticket views are busy; catching up and trying the switch again", id);
                transaction.execute(status -> catchUp());
                records.progressed(id, position, done);
            }
        }
    }

    /** In one transaction: the last events, the late ones, and the switch; answers the state found (RUNNING: done). */
    private String switchLocked() {
        String state = records.lockState(id);
        if (!state.equals("RUNNING")) {
            return state;
        }
        generations.lockServed(LOCK_WAIT);
        while (catchUp() == BATCH) {
            // the served tables are locked: nothing new is applied to them meanwhile
        }
        Set<String> late = new LinkedHashSet<>();
        store.at(gaps).forEach(event -> late.add(event.message().getAggregateIdentifier()));
        for (String aggregate : late) {
            List<DomainEventMessage<?>> stream = store.stream(aggregate);
            try {
                generation.rebuild(aggregate, stream);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        generation.switchOver();
        records.completed(id, position, done);
        log.info("Replay {} switched the ticket views to a new generation: {} events, {} streams rebuilt for late events",
                id, done, late.size());
        return state;
    }

    private void stopped(String state) {
        log.info("Replay {} stopped: {}", id, state);
        if (state.equals("CANCELLED")) {
            discardQuietly();
        }
    }

    private void discardQuietly() {
        try {
            generation.discard();
        } catch (RuntimeException e) {
            log.warn("Replay {}: could not drop the next generation: {}", id, e.toString());
        }
    }
}
