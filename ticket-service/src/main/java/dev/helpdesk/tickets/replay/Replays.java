package dev.helpdesk.tickets.replay;

import dev.helpdesk.tickets.config.AxonConfig;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.tickets.domain.StateConflictException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds a projection by replaying the event store: the processor stops, its token is reset to the start (its
 * {@code @ResetHandler}s clear the tables), and it starts again while the service keeps answering. Progress is the
 * processor's position against the store's head at the start of the replay.
 */
@Component
public class Replays {

    /** Projection names of the API and the tracking processor that keeps each one. */
    static final Map<String, String> PROCESSORS = Map.of("ticket-views", AxonConfig.VIEWS);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();

    Replays(EventProcessingConfiguration processing, JdbcTemplate jdbc, Clock clock) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Replay(String id, String projection, Instant startedAt, long headPosition) {
    }

    public record Progress(String id, String projection, String state, Instant startedAt, long position, long headPosition,
                           int percent) {
    }

    public synchronized Progress start(String projection) {
        String processorName = PROCESSORS.get(projection);
        if (processorName == null) {
            throw ProblemException.invalid("projection", "unknown projection; known: " + PROCESSORS.keySet());
        }
        TrackingEventProcessor processor = processor(processorName);
        Long head = jdbc.queryForObject("SELECT COALESCE(max(global_index), -1) FROM domain_event_entry", Long.class);
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (UnableToClaimTokenException e) {
            throw new StateConflictException("replay-unavailable",
                    "Another instance is processing this projection; run the replay there or stop it first.");
        } finally {
            processor.start();
        }
        Replay replay = new Replay(UUID.randomUUID().toString(), projection, clock.instant(), head == null ? -1 : head);
        replays.put(replay.id(), replay);
        return progress(replay);
    }

    public Optional<Progress> progress(String id) {
        return Optional.ofNullable(replays.get(id)).map(this::progress);
    }

    private Progress progress(Replay replay) {
        Map<Integer, EventTrackerStatus> status = processor(PROCESSORS.get(replay.projection())).processingStatus();
        long position = status.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min().orElse(-1);
        // Axon keeps a replay token "replaying" until an event newer than the reset point arrives; the replay of
        // the history is complete once every segment has processed the head position seen at the start.
        boolean done = !status.isEmpty() && position >= replay.headPosition();
        int percent = replay.headPosition() <= 0 ? 100
                : (int) Math.min(100, Math.max(0, position) * 100 / replay.headPosition());
        return new Progress(replay.id(), replay.projection(), done ? "COMPLETED" : "RUNNING", replay.startedAt(),
                position, replay.headPosition(), done ? 100 : percent);
    }

    private TrackingEventProcessor processor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No tracking processor " + name));
    }
}
