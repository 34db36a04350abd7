package dev.helpdesk.sla.replay;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.pipeline.replay.ProjectionReplays;
import dev.helpdesk.pipeline.replay.ReplayEndpoints;
import dev.helpdesk.pipeline.replay.ReplayProgress;
import dev.helpdesk.pipeline.replay.ReplayRunningException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.RestController;

/** Operations: rebuild the SLA clocks from the ticket history (admins and analysts; docs/replays.md). */
@RestController
@Tag(name = "Operations")
class ReplayController {

    private static final String REPLAYS = "/api/admin/sla/replays";

    private final ReplayEndpoints endpoints;

    ReplayController(ProjectionReplays replays) {
        this.endpoints = new ReplayEndpoints(replays, REPLAYS);
    }

    record StartReplay(@NotBlank String projection) {
    }

    /** 202 with the replay's progress; 409 {@code conflict} naming the running replay while one runs. */
    @Operation(description = "Starts rebuilding a projection (sla-clocks) from the ticket history into a new "
            + "generation while the served one keeps answering; 202 with its progress and its Location.")
    @ApiResponse(responseCode = "409", description = "A replay of the projection is running (replayId, Location).",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping(REPLAYS)
    @PreAuthorize("hasAnyRole('admin', 'analyst')")
    ResponseEntity<ReplayProgress> start(@Valid @RequestBody StartReplay body, Caller caller) {
        return endpoints.start(body.projection(), caller.userId());
    }

    @Operation(description = "A replay's progress, from any instance: done, total, skipped, rate (events/s), eta, "
            + "state (RUNNING, COMPLETED, CANCELLED, FAILED) and error.")
    @GetMapping(REPLAYS + "/{id}")
    @PreAuthorize("hasAnyRole('admin', 'analyst')")
    ReplayProgress progress(@PathVariable String id) {
        return endpoints.progress(id);
    }

    /** Cancels a running replay: what it built is dropped and the served clocks stay as they are. */
    @Operation(description = "Cancels a running replay: what it built is dropped; the served clocks stay as they are.")
    @ApiResponse(responseCode = "409", description = "The replay is not running (reason replay-not-running).",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @DeleteMapping(REPLAYS + "/{id}")
    @PreAuthorize("hasAnyRole('admin', 'analyst')")
    ReplayProgress cancel(@PathVariable String id) {
        return endpoints.cancel(id);
    }

    @ExceptionHandler(ReplayRunningException.class)
    ResponseEntity<ProblemDetail> running(ReplayRunningException e) {
        return endpoints.running(e);
    }
}
