package dev.helpdesk.tickets.replay;

import dev.helpdesk.tickets.domain.NotFoundException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    record StartReplay(@NotBlank String projection) {
    }

    @PostMapping("/api/admin/tickets/replays")
    @PreAuthorize("hasAnyRole('admin', 'analyst')")
    ResponseEntity<Replays.Progress> start(@Valid @RequestBody StartReplay body) {
        Replays.Progress progress = replays.start(body.projection());
        return ResponseEntity.accepted().location(URI.create("/api/admin/tickets/replays/" + progress.id())).body(progress);
    }

    @GetMapping("/api/admin/tickets/replays/{id}")
    @PreAuthorize("hasAnyRole('admin', 'analyst')")
    Replays.Progress progress(@PathVariable String id) {
        return replays.progress(id).orElseThrow(() -> new NotFoundException("Replay not found."));
    }
}
