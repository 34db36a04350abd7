package dev.helpdesk.budgets.replay;

import dev.helpdesk.edge.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** Projection rebuilds (admins and analysts, enforced by the security configuration). */
@RestController
@RequestMapping("/api/admin/budgets/replays")
public class ReplayController {

    private final ProjectionRebuild rebuild;
    private final ReplayRecords records;

    public ReplayController(ProjectionRebuild rebuild, ReplayRecords records) {
        this.rebuild = rebuild;
        this.records = records;
    }

    @PostMapping
    public ResponseEntity<Map<String, UUID>> start(@Valid @RequestBody ReplayRequest request,
                                                   @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                   Authentication caller) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 200 characters");
        }
        UUID id = rebuild.start(caller.getName(), idempotencyKey);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/admin/budgets/replays/" + id))
                .body(Map.of("id", id));
    }

    @GetMapping("/{id}")
    public ReplayView progress(@PathVariable UUID id) {
        return records.find(id).orElseThrow(() -> ProblemException.notFound("No rebuild " + id + "."));
    }

    /** Cancels a running rebuild: what it built is dropped and the served figures stay as they are. */
    @Operation(description = "Cancels a running rebuild: what it built is dropped; the served figures stay as they are.")
    @ApiResponse(responseCode = "409", description = "The rebuild is not running (reason replay-not-running).",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @DeleteMapping("/{id}")
    public ReplayView cancel(@PathVariable UUID id) {
        if (records.find(id).isEmpty()) {
            throw ProblemException.notFound("No rebuild " + id + ".");
        }
        if (!records.cancel(id)) {
            throw ProblemException.conflict("The rebuild is not running.").withReason("replay-not-running");
        }
        return records.find(id).orElseThrow();
    }
}
