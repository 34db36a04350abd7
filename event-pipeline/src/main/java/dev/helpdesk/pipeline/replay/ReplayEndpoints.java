package dev.helpdesk.pipeline.replay;

import dev.helpdesk.edge.problem.ProblemException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * What a service's replay endpoints answer under its own path (docs/replays.md, "The HTTP shape"): start (202 with
 * the progress and its {@code Location}; 400 for an unknown projection), progress (404 unknown), cancel (409
 * {@code replay-not-running}) and 409 {@code replay-running} naming the running replay. The service's controller keeps
 * its path, its role check and its OpenAPI descriptions, and delegates here.
 */
public final class ReplayEndpoints {

    private final ProjectionReplays replays;
    private final String path;

    /** @param path the replays' path in the service's API ({@code /api/admin/sla/replays}) */
    public ReplayEndpoints(ProjectionReplays replays, String path) {
        this.replays = replays;
        this.path = path;
    }

    /** 202 with the replay's progress and its Location; a {@link ReplayRunningException} while one runs. */
    public ResponseEntity<ReplayProgress> start(String projection, String requestedBy) {
        if (!replays.projections().contains(projection)) {
            throw ProblemException.invalid("projection", "unknown projection; known: " + replays.projections());
        }
        ReplayProgress progress = replays.start(projection, requestedBy);
        return ResponseEntity.accepted().location(URI.create(path + "/" + progress.id())).body(progress);
    }

    public ReplayProgress progress(String id) {
        return uuid(id).flatMap(replays::progress).orElseThrow(() -> ProblemException.notFound("Replay not found."));
    }

    public ReplayProgress cancel(String id) {
        try {
            return uuid(id).flatMap(replays::cancel).orElseThrow(() -> ProblemException.notFound("Replay not found."));
        } catch (IllegalStateException notRunning) {
            throw ProblemException.conflict("The replay is not running.").withReason("replay-not-running");
        }
    }

    /** 409 naming the running replay ({@code replayId}, {@code Location}). */
    public ResponseEntity<ProblemDetail> running(ReplayRunningException e) {
        return ProblemException.replayRunning(path, e.running()).toResponseEntity();
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
