package dev.helpdesk.escalations.escalation;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.edge.paging.PageRequest;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.edge.version.ETags;
import dev.helpdesk.escalations.domain.EscalationState;
import io.swagger.v3.oas.annotations.Operation;
import org.springdoc.core.annotations.ParameterObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/** Lists escalations (contacts: their own organisation's only) and lets managers acknowledge them. */
@RestController
@RequestMapping("/api/escalations")
public class EscalationController {

    private final EscalationRepository escalations;
    private final EscalationService service;

    public EscalationController(EscalationRepository escalations, EscalationService service) {
        this.escalations = escalations;
        this.service = service;
    }

    /** The body of an acknowledgement. */
    public record AcknowledgementRequest(@NotBlank @Size(max = 4000) String actionPlan) {
    }

    @GetMapping
    @Operation(summary = "Escalations, filtered by ticket, organisation and state, newest first")
    public Page<Escalation> list(@RequestParam(required = false) String ticketId,
                                 @RequestParam(required = false) String organizationId,
                                 @RequestParam(required = false) String state,
                                 @Valid @ParameterObject PageRequest paging,
                                 Caller caller) {
        Optional<EscalationState> wanted = state == null ? Optional.empty()
                : Arrays.stream(EscalationState.values()).filter(s -> s.name().equals(state)).findFirst();
        if (state != null && wanted.isEmpty()) {
            throw ProblemException.invalid("state", "must be OPEN, ACKNOWLEDGED or CLOSED");
        }
        return escalations.search(caller.scope(organizationId),
                new EscalationQuery(ticketId, wanted.orElse(null), paging.page(), paging.size()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One escalation; another organisation's answers 404 to contacts")
    public ResponseEntity<Escalation> get(@PathVariable String id, Caller caller) {
        Escalation escalation = visible(id, caller);
        return ResponseEntity.ok().eTag(ETags.of(escalation.version())).body(escalation);
    }

    @PostMapping("/{id}/acknowledgement")
    @PreAuthorize("hasRole('manager')")
    @Operation(summary = "Acknowledge an open escalation with an action plan (managers); 409 when acknowledged or closed")
    public ResponseEntity<Escalation> acknowledge(@PathVariable String id, @Valid @RequestBody AcknowledgementRequest request,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  Caller caller) {
        Escalation acknowledged = service.acknowledge(idOf(id), request.actionPlan().strip(), caller.userId(), ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(acknowledged.version())).body(acknowledged);
    }

    private Escalation visible(String id, Caller caller) {
        Escalation escalation = escalations.find(idOf(id)).orElseThrow(EscalationController::unknown);
        if (!caller.mayRead(escalation.organizationId())) {
            throw unknown();
        }
        return escalation;
    }

    private static UUID idOf(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw unknown();
        }
    }

    private static ProblemException unknown() {
        return ProblemException.notFound("There is no such escalation.");
    }
}
