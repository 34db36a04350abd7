package dev.helpdesk.tickets.organization.web;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.RateKind;
import dev.helpdesk.tickets.organization.command.TermsPatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Bodies of the organisation endpoints. */
final class OrganizationRequests {

    private OrganizationRequests() {
    }

    record Register(
            @NotBlank @Size(max = 200) String name,
            @NotNull Plan plan,
            @NotNull CalendarKind calendar,
            @NotBlank @Size(max = 64) String timeZone,
            @NotNull @Valid Period supportPeriod,
            @Valid Budget budget,
            @Size(max = 200) String supportManager,
            @Min(1) @Max(50) Integer contactLimit,
            @Size(max = 200) String relationshipManager) {
    }

    /**
     * {@code PATCH /api/organizations/{id}}: the fields to change (absent or null: unchanged; a manager given as ""
     * is cleared) and when the change takes effect (absent: now).
     */
    record Patch(
            @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
            Plan plan,
            CalendarKind calendar,
            @KnownTimeZone String timeZone,
            @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal standardRate,
            @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal consultancyRate,
            @Size(max = 200) String supportManager,
            @Size(max = 200) String relationshipManager,
            @Min(1) @Max(50) Integer contactLimit,
            Instant effectiveFrom) {

        TermsPatch toPatch() {
            return new TermsPatch(name, plan, calendar, timeZone, contactLimit, supportManager, relationshipManager,
                    standardRate, consultancyRate);
        }
    }

    record Transfer(@NotBlank @Size(max = 64) String toOrganizationId) {
    }

    /** Time spent for the organisation outside any ticket (a booked call, a workshop). */
    record TimeEntry(
            @NotNull @Min(1) @Max(1440) Integer minutes,
            @NotNull RateKind rate,
            LocalDate workDate,
            @NotNull @PastOrPresent Instant startedAt,
            @NotBlank @Size(max = 200) String activity,
            @NotBlank @Size(max = 2000) String note) {
    }

    record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    record Period(@NotNull LocalDate start, @NotNull LocalDate end) {
    }

    record Budget(
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal standardRate,
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal consultancyRate) {
    }

    record AddContact(@NotBlank @Size(max = 200) String userId, @NotBlank @Size(max = 200) String name,
                      @NotBlank @Email @Size(max = 320) String email) {
    }

    record Purchase(
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }
}
