package dev.helpdesk.budgets.replay;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/admin/budgets/replays}: the projection to rebuild; this service has one, {@code budgets}. */
public record ReplayRequest(@NotBlank @Pattern(regexp = "budgets", message = "must be budgets") String projection) {
}
