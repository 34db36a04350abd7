package dev.helpdesk.escalations.ladder;

import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.version.ETags;
import dev.helpdesk.events.Plan;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;

/** Reads and edits the escalation ladder of a plan; managers edit. */
@RestController
@RequestMapping("/api/escalations/ladders")
public class LadderController {

    private final LadderRepository ladders;

    public LadderController(LadderRepository ladders) {
        this.ladders = ladders;
    }

    @GetMapping("/{plan}")
    @Operation(summary = "The escalation ladder of a plan")
    public ResponseEntity<LadderDocument> get(@PathVariable String plan) {
        Plan target = planOf(plan);
        return ResponseEntity.ok().eTag(ETags.of(ladders.version(target))).body(LadderDocument.of(ladders.find(target)));
    }

    @PutMapping("/{plan}")
    @PreAuthorize("hasRole('manager')")
    @Operation(summary = "Replace the escalation ladder of a plan (managers); applies to levels raised from now on")
    public ResponseEntity<LadderDocument> put(@PathVariable String plan, @RequestBody LadderDocument document,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Plan target = planOf(plan);
        LadderDocument.LadderProposal proposal = document.toLadder(target);
        if (proposal.ladder() == null) {
            throw ProblemException.invalid(proposal.violations().stream()
                    .map(violation -> new FieldError(violation.field(), violation.message()))
                    .toList());
        }
        long version = ladders.replace(proposal.ladder(), ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(version)).body(LadderDocument.of(ladders.find(target)));
    }

    private static Plan planOf(String plan) {
        return Arrays.stream(Plan.values())
                .filter(candidate -> candidate.name().equals(plan))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("There is no such plan."));
    }
}
