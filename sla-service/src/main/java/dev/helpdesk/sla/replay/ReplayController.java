package dev.helpdesk.sla.replay;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.pipeline.replay.ProjectionReplayController;
import dev.helpdesk.pipeline.replay.ProjectionReplays;
import dev.helpdesk.pipeline.replay.ReplayProgress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations: rebuild the SLA clocks from the ticket history (admins and analysts; docs/replays.md). */
@RestController
@RequestMapping(ReplayController.REPLAYS)
@Tag(name = "Operations")
class ReplayController extends ProjectionReplayController {

    static final String REPLAYS = "/api/admin/sla/replays";

    ReplayController(ProjectionReplays replays) {
        super(replays, REPLAYS);
    }

    @Override
    @Operation(description = "Starts rebuilding a projection (sla-clocks) from the ticket history into a new "
            + "generation while the served one keeps answering; 202 with its progress and its Location.")
    public ResponseEntity<ReplayProgress> start(StartReplay body, Caller caller) {
        return super.start(body, caller);
    }

    /** Cancels a running replay: what it built is dropped and the served clocks stay as they are. */
    @Override
    @Operation(description = "Cancels a running replay: what it built is dropped; the served clocks stay as they are.")
    public ReplayProgress cancel(String id) {
        return super.cancel(id);
    }
}
