package dev.helpdesk.escalations.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** The knobs of the escalation service ({@code helpdesk.escalations.*}), validated at start. */
@Validated
@ConfigurationProperties("helpdesk.escalations")
public record EscalationProperties(
        @NotNull Duration timerPollInterval,
        @Min(1) @Max(1000) int timerBatchSize,
        @NotNull Duration outboxRelayInterval,
        @Min(1) @Max(1000) int outboxBatchSize,
        @NotNull Duration outboxRetention) {

    public EscalationProperties {
        if (timerPollInterval != null && (timerPollInterval.isNegative() || timerPollInterval.isZero())) {
            throw new IllegalArgumentException("helpdesk.escalations.timer-poll-interval must be positive");
        }
        if (outboxRelayInterval != null && (outboxRelayInterval.isNegative() || outboxRelayInterval.isZero())) {
            throw new IllegalArgumentException("helpdesk.escalations.outbox-relay-interval must be positive");
        }
    }
}
