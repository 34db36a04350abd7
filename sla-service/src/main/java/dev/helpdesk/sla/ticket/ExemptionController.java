package dev.helpdesk.sla.ticket;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.sla.clock.ExemptionReason;
import dev.helpdesk.sla.clock.Metric;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Support exempts a ticket's clock with a reason from the documented list (docs/sla-contract.md). */
@RestController
public class ExemptionController {

    /** The longest note an exemption keeps. */
    static final int MAX_NOTE = 2000;

    private final ClockExemptions exemptions;

    public ExemptionController(ClockExemptions exemptions) {
        this.exemptions = exemptions;
    }

    public record ExemptionRequest(
            @Schema(description = "The clock: FIRST_RESPONSE, NEXT_REPLY (the latest next-reply clock) or RESOLUTION",
                    example = "RESOLUTION", requiredMode = Schema.RequiredMode.REQUIRED)
            String metric,
            @Schema(description = "MISASSIGNED_SEVERITY, CLIENT_CONFIGURATION or CUSTOMER_ASKED_TO_WAIT",
                    example = "CLIENT_CONFIGURATION", requiredMode = Schema.RequiredMode.REQUIRED)
            String reason,
            @Schema(description = "Why, in support's words (at most 2000 characters)",
                    example = "The outage was caused by the customer's own proxy",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String note) {
    }

    public record ExemptionView(String ticketId, String metric, String reason, String note, String exemptedBy,
                                Instant exemptedAt, Instant clockStartedAt) {

        static ExemptionView of(Exemptions.Exemption exemption) {
            return new ExemptionView(exemption.ticketId(), exemption.metric().name(), exemption.reason().name(),
                    exemption.note(), exemption.exemptedBy(), exemption.exemptedAt(), exemption.clockStartedAt());
        }
    }

    @Operation(description = "Exempts a ticket's clock (agents and managers): it stops counting, fires no further "
            + "warning or breach, shows as EXEMPTED with its reason and is left out of compliance percentages "
            + "(counted apart). A breached clock may be exempted (its breach leaves compliance); a met one not "
            + "(422, reason clock-met); an exempted one not again (409, reason already-exempted); no such clock: 404.")
    @ApiResponse(responseCode = "201", description = "The exemption recorded.")
    @ApiResponse(responseCode = "409", description = "The clock is exempted already (reason already-exempted).",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "422", description = "The clock was met (reason clock-met).",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping("/api/sla/tickets/{ticketId}/exemptions")
    @PreAuthorize("hasAnyRole('agent', 'manager')")
    public ResponseEntity<ExemptionView> exempt(@PathVariable String ticketId, @RequestBody ExemptionRequest body,
                                                Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        Metric metric = parse(Metric.class, body == null ? null : body.metric(), "metric", errors);
        ExemptionReason reason = parse(ExemptionReason.class, body == null ? null : body.reason(), "reason", errors);
        String note = body == null ? null : body.note();
        if (note == null || note.isBlank()) {
            errors.add(new FieldError("note", "is required"));
        } else if (note.length() > MAX_NOTE) {
            errors.add(new FieldError("note", "must be at most " + MAX_NOTE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Exemptions.Exemption done = exemptions.exempt(ticketId, metric, reason, note.strip(), caller.userId(), null);
        return ResponseEntity.created(URI.create("/api/sla/tickets/" + ticketId)).body(ExemptionView.of(done));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> known = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            errors.add(new FieldError(field, "must be one of " + String.join(", ", known)));
            return null;
        }
    }
}
