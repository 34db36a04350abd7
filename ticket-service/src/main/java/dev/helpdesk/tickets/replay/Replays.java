package dev.helpdesk.tickets.replay;

import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.tickets.ticket.query.TicketViewGeneration;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replays of this service's projections: {@code ticket-views}, rebuilt from the event store into a next generation
 * of tables while the served generation keeps answering, then switched in one transaction ({@link ViewReplay}). One
 * replay of a projection runs at a time across all instances (the {@code replay} table); its progress is in that
 * table, so any instance answers for it.
 */
@Component
public class Replays {

    static final String TICKET_VIEWS = "ticket-views";
    private static final Set<String> PROJECTIONS = Set.of(TICKET_VIEWS);
    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final ReplayRecords records;
    private final StoreEvents store;
    private final TicketViewGeneration generation;
    private final TransactionTemplate transaction;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ticket-views-replay");
        thread.setDaemon(true);
        return thread;
    });
    private volatile UUID runningHere;

    Replays(ReplayRecords records, StoreEvents store, TicketViewGeneration generation, TransactionTemplate transaction) {
        this.records = records;
        this.store = store;
        this.generation = generation;
        this.transaction = transaction;
    }

    /** A replay's progress: {@code done} of {@code total} events (the store's size at the start), events/s, time left. */
    public record Progress(String id, String projection, String state, String requestedBy, Instant startedAt,
                           Instant updatedAt, Instant finishedAt, long position, long headPosition, long done, long total,
                           int percent, double rate, String eta, String error) {
    }

    /** Starts a replay; while one of the projection runs on any instance, 409 naming it. */
    public Progress start(String projection, String requestedBy) {
        if (!PROJECTIONS.contains(projection)) {
            throw ProblemException.invalid("projection", "unknown projection; known: " + PROJECTIONS);
        }
        UUID id = UUID.randomUUID();
        Optional<UUID> running = records.claim(id, projection, requestedBy, store.head(), store.count());
        if (running.isPresent()) {
            throw new ReplayRunningException(running.get());
        }
        runningHere = id;
        runner.submit(() -> {
            try {
                new ViewReplay(id, records, store, generation, transaction).run();
            } finally {
                runningHere = null;
            }
        });
        return progress(id.toString()).orElseThrow();
    }

    public Optional<Progress> progress(String id) {
        return uuid(id).flatMap(records::find).map(Replays::progress);
    }

    /** Cancels a running replay: it stops after its current batch and the served views stay as they are. */
    public Progress cancel(String id) {
        UUID replay = uuid(id).filter(known -> records.find(known).isPresent())
                .orElseThrow(() -> ProblemException.notFound("Replay not found."));
        if (!records.cancel(replay)) {
            throw ProblemException.conflict("The replay is not running.").withReason("replay-not-running");
        }
        return progress(id).orElseThrow();
    }

    /** A replay of this instance does not survive it: it is failed now rather than abandoned later. */
    @PreDestroy
    void stop() {
        runner.shutdownNow();
        UUID replay = runningHere;
        if (replay != null) {
            try {
                records.failed(replay, "its instance stopped");
            } catch (RuntimeException e) {
                log.warn("Could not mark replay {} failed on shutdown: {}", replay, e.toString());
            }
        }
    }

    private static Progress progress(ReplayRecords.Row row) {
        boolean completed = row.state().equals("COMPLETED");
        Instant until = row.finishedAt() != null ? row.finishedAt() : row.updatedAt();
        double seconds = Math.max(0.001, Duration.between(row.startedAt(), until).toMillis() / 1000.0);
        double rate = Math.round(row.done() / seconds * 10) / 10.0;
        long left = Math.max(0, row.total() - row.done());
        String eta = !row.state().equals("RUNNING") ? null
                : rate > 0 ? Duration.ofMillis((long) (left / rate * 1000)).toString() : null;
        int percent = completed ? 100 : row.total() == 0 ? 0 : (int) Math.min(99, row.done() * 100 / row.total());
        return new Progress(row.id().toString(), row.projection(), row.state(), row.requestedBy(), row.startedAt(),
                row.updatedAt(), row.finishedAt(), row.position(), row.headPosition(), row.done(), row.total(), percent,
                rate, eta, row.error());
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
