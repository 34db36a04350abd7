package dev.helpdesk.tickets.replay;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.ProblemException;
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

import java.net.URI;

/** Operations: rebuild a projection of this service from the event store (admins and analysts). */
@RestController
@Tag(name = "Operations")
class ReplayController {

    private static final String REPLAYS = "/api/admin/tickets/replays";

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    record StartReplay(@NotBlank String projection) {
    }

    /** 202 with the replay's progress; 409 {@code conflict} naming the running replay while one runs. */
    @PostMapping(REPLAYS)
    @PreAuthorize("hasAnyRole('admin', 'analyst')")
    ResponseEntity<Replays.Progress> start(@Valid @RequestBody StartReplay body, Caller caller) {
        Replays.Progress progress = replays.start(body.projection(), caller.userId());
        return ResponseEntity.accepted().location(URI.create(REPLAYS + "/" + progress.id())).body(progress);
    }

    @GetMapping(REPLAYS + "/{id}")
    @PreAuthorize("hasAnyRole('admin', 'analyst')")
    Replays.Progress progress(@PathVariable String id) {
        return replays.progress(id).orElseThrow(() -> ProblemException.notFound("Replay not found."));
    }

    /** Cancels a running replay: the served views stay as they are. */
    @DeleteMapping(REPLAYS + "/{id}")
    @PreAuthorize("hasAnyRole('admin', 'analyst')")
    Replays.Progress cancel(@PathVariable String id) {
        return replays.cancel(id);
    }

    @ExceptionHandler(ReplayRunningException.class)
    ResponseEntity<ProblemDetail> running(ReplayRunningException e) {
        return ProblemException.replayRunning(REPLAYS, e.running()).toResponseEntity();
    }
}
