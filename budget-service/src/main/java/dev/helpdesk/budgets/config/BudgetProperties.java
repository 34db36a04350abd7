package dev.helpdesk.budgets.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Every knob of the budget service ({@code helpdesk.budgets.*}, environment {@code HELPDESK_BUDGETS_*}); defaults in
 * application.yml. The outbox's knobs are the pipeline's ({@code helpdesk.pipeline.outbox.*}).
 *
 * @param consumerGroup          consumer group of the live listener on the ticket topic
 * @param calendarConsumerGroup  consumer group of the listener on the SLA topic (organisation calendars)
 * @param thresholds             budget thresholds in percent, each raised once per organisation and period
 * @param metricsRefreshInterval how often the consumed-budget gauges are recomputed
 * @param replayMaxPollRecords   records per poll of a rebuild
 * @param timeZone               zone in which a purchase's instant becomes its date
 * @param topic                  the budget topic this service creates and publishes to
 */
@Validated
@ConfigurationProperties("helpdesk.budgets")
public record BudgetProperties(
        @NotBlank String consumerGroup,
        @NotBlank String calendarConsumerGroup,
        @NotEmpty List<@NotNull @Min(1) @Max(1000) Integer> thresholds,
        @NotNull Duration metricsRefreshInterval,
        @Min(1) @Max(10000) int replayMaxPollRecords,
        @NotNull ZoneId timeZone,
        @NotNull @Valid Topic topic) {

    /**
     * @param partitions partitions of the budget topic when this service creates it
     * @param replicas   its replication factor
     */
    public record Topic(@Min(1) @Max(10_000) int partitions, @Min(1) @Max(32) short replicas) {
    }
}
