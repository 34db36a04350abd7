package dev.helpdesk.escalations.escalation;

import dev.helpdesk.escalations.config.ApiException;
import dev.helpdesk.escalations.config.ApiProblems.FieldProblem;
import dev.helpdesk.escalations.config.Versions;
import dev.helpdesk.escalations.domain.EscalationState;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Lists escalations (contacts: their own organisation's only) and lets managers acknowledge them. */
@RestController
@RequestMapping("/api/escalations")
public class EscalationController {

    static final int LARGEST_PAGE = 200;

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
    public PageOf<Escalation> list(@RequestParam(required = false) String ticketId,
                                   @RequestParam(required = false) String organizationId,
                                   @RequestParam(required = false) String state,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "50") int size,
                                   @AuthenticationPrincipal Jwt caller) {
        List<FieldProblem> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldProblem("page", "must be 0 or more"));
        }
        if (size < 1 || size > LARGEST_PAGE) {
            errors.add(new FieldProblem("size", "must be between 1 and " + LARGEST_PAGE));
        }
        Optional<EscalationState> wanted = state == null ? Optional.empty()
                : Arrays.stream(EscalationState.values()).filter(s -> s.name().equals(state)).findFirst();
        if (state != null && wanted.isEmpty()) {
            errors.add(new FieldProblem("state", "must be OPEN, ACKNOWLEDGED or CLOSED"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The query has invalid parameters.", errors);
        }
        Optional<String> ownOrganization = contactOrganization(caller);
        if (ownOrganization.isPresent() && organizationId != null && !organizationId.equals(ownOrganization.get())) {
            return new PageOf<>(List.of(), page, size, 0);
        }
        return escalations.search(new EscalationQuery(ticketId, ownOrganization.orElse(organizationId),
                wanted.orElse(null), page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One escalation; another organisation's answers 404 to contacts")
    public ResponseEntity<Escalation> get(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        Escalation escalation = visible(id, caller);
        return ResponseEntity.ok().eTag(Versions.etag(escalation.version())).body(escalation);
    }

    @PostMapping("/{id}/acknowledgement")
    @PreAuthorize("hasRole('manager')")
    @Operation(summary = "Acknowledge an open escalation with an action plan (managers); 409 when acknowledged or closed")
    public ResponseEntity<Escalation> acknowledge(@PathVariable String id, @Valid @RequestBody AcknowledgementRequest request,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @AuthenticationPrincipal Jwt caller) {
        Escalation acknowledged = service.acknowledge(idOf(id), request.actionPlan().strip(), caller.getSubject(), ifMatch);
        return ResponseEntity.ok().eTag(Versions.etag(acknowledged.version())).body(acknowledged);
    }

    private Escalation visible(String id, Jwt caller) {
        Escalation escalation = escalations.find(idOf(id)).orElseThrow(EscalationController::unknown);
        Optional<String> ownOrganization = contactOrganization(caller);
        if (ownOrganization.isPresent() && !ownOrganization.get().equals(escalation.organizationId())) {
            throw unknown();
        }
        return escalation;
    }

    /** A contact's organisation; empty for staff. A contact without an organisation sees nothing. */
    private static Optional<String> contactOrganization(Jwt caller) {
        List<String> roles = caller.getClaimAsStringList("roles");
        boolean staff = roles != null && roles.stream().anyMatch(role -> List.of("agent", "manager", "analyst", "admin").contains(role));
        if (staff) {
            return Optional.empty();
        }
        String organization = caller.getClaimAsString("org");
        return Optional.of(organization == null ? "" : organization);
    }

    private static UUID idOf(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw unknown();
        }
    }

    private static ApiException unknown() {
        return ApiException.notFound("There is no such escalation.");
    }
}
