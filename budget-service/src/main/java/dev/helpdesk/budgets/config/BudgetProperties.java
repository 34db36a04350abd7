package dev.helpdesk.budgets.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Knobs of the budget service ({@code helpdesk.budgets.*}).
 *
 * @param thresholds             budget thresholds in percent, each raised once per organisation and period
 * @param outboxRelayInterval    how often the outbox relay publishes
 * @param outboxBatchSize        at most this many outbox rows per relay run
 * @param metricsRefreshInterval how often the consumed-budget gauges are recomputed
 * @param replayMaxPollRecords   records per poll of a rebuild
 * @param timeZone               zone in which a purchase's instant becomes its date
 */
@Validated
@ConfigurationProperties("helpdesk.budgets")
public record BudgetProperties(
        @NotEmpty List<@NotNull @Min(1) @Max(1000) Integer> thresholds,
        @NotNull Duration outboxRelayInterval,
        @Min(1) @Max(10000) int outboxBatchSize,
        @NotNull Duration metricsRefreshInterval,
        @Min(1) @Max(10000) int replayMaxPollRecords,
        @NotNull ZoneId timeZone) {
}
