package dev.helpdesk.pipeline.replay;

import dev.helpdesk.edge.caller.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The replay endpoints a service serves under its own path (docs/replays.md, "The HTTP shape"): start, progress and
 * cancel, for admins and analysts, answered by {@link ReplayEndpoints}. The service's controller names the path with
 * {@code @RequestMapping}, tags it, and overrides {@link #start} and {@link #cancel} only to describe, with
 * {@code @Operation}, what its projections rebuild; the mappings, role checks and problem responses here apply to the
 * overriding methods too.
 */
public abstract class ProjectionReplayController {

    private static final String ROLES = "hasAnyRole('admin', 'analyst')";

    private final ReplayEndpoints endpoints;

    /** @param path the replays' path in the service's API, as its {@code @RequestMapping} names it */
    protected ProjectionReplayController(ProjectionReplays replays, String path) {
        this.endpoints = new ReplayEndpoints(replays, path);
    }

    public record StartReplay(@NotBlank String projection) {
    }

    /** 202 with the replay's progress; 409 {@code conflict} naming the running replay while one runs. */
    @ApiResponse(responseCode = "409", description = "A replay of the projection is running (replayId, Location).",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping
    @PreAuthorize(ROLES)
    public ResponseEntity<ReplayProgress> start(@Valid @RequestBody StartReplay body, Caller caller) {
        return endpoints.start(body.projection(), caller.userId());
    }

    @Operation(description = "A replay's progress, from any instance: done, total, skipped, rate (events/s), eta, "
            + "state (RUNNING, COMPLETED, CANCELLED, FAILED) and error.")
    @GetMapping("/{id}")
    @PreAuthorize(ROLES)
    public ReplayProgress progress(@PathVariable String id) {
        return endpoints.progress(id);
    }

    /** Cancels a running replay: what it built is dropped and the served projection stays as it is. */
    @ApiResponse(responseCode = "409", description = "The replay is not running (reason replay-not-running).",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @DeleteMapping("/{id}")
    @PreAuthorize(ROLES)
    public ReplayProgress cancel(@PathVariable String id) {
        return endpoints.cancel(id);
    }

    @ExceptionHandler(ReplayRunningException.class)
    public ResponseEntity<ProblemDetail> running(ReplayRunningException e) {
        return endpoints.running(e);
    }
}
