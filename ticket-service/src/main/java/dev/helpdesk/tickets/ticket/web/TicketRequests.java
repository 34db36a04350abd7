package dev.helpdesk.tickets.ticket.web;

import dev.helpdesk.events.Channel;
import dev.helpdesk.events.RateKind;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.events.Visibility;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/** Bodies of the ticket endpoints. */
final class TicketRequests {

    private TicketRequests() {
    }

    record Open(
            @NotBlank @Size(max = 64) String organizationId,
            @NotNull TicketType type,
            @NotNull Severity severity,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 20000) String description,
            Channel channel,
            @Size(max = 100) String courseId,
            @Email @Size(max = 320) String affectedUserEmail,
            @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String pageUrl) {
    }

    record Comment(@NotBlank @Size(max = 20000) String body, @NotNull Visibility visibility) {
    }

    record Assignment(@NotBlank @Size(max = 200) String assignee) {
    }

    record SeverityChange(@NotNull Severity severity, @Size(max = 2000) String justification) {
    }

    record StatusChange(
            @NotNull TicketStatus status,
            @Size(max = 2000) String reason,
            @Schema(description = "Required (not blank) with status RESOLVED, refused with any other status: the summary "
                    + "of what was understood and the next steps, shown to the contact while the ticket is RESOLVED or CLOSED")
            @Size(max = 4000) String resolution) {
    }

    record SeverityRequest(@NotNull Severity severity, @NotBlank @Size(max = 2000) String reason) {
    }

    record SeverityDecision(
            @NotNull Boolean accept,
            @Schema(description = "Shown to the contact. Required to decline and to accept an upgrade (422 "
                    + "`decline-without-reason` / `upgrade-without-justification`): an accepted upgrade's justification")
            @Size(max = 2000) String reason) {
    }

    record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    record TimeEntry(
            @NotNull @Min(1) @Max(1440) Integer minutes,
            @NotNull RateKind rate,
            @Schema(description = "The day of the work; may be left out when startedAt is given (then it is startedAt's "
                    + "date in the organisation's time zone, and a given date must be that date)")
            LocalDate workDate,
            @NotBlank @Size(max = 2000) String note,
            @Schema(description = "When the work began (ISO-8601 instant, not in the future); lets the budget tell "
                    + "out-of-hours work apart")
            Instant startedAt) {
    }
}
