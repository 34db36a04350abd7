package dev.helpdesk.tickets.ticket.autoclose;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code helpdesk.tickets.auto-close.*} (environment {@code HELPDESK_TICKETS_AUTO_CLOSE_*}).
 *
 * @param enabled          whether resolved tickets close by themselves
 * @param businessDays     business days without a contact's reply after which a resolved ticket closes
 * @param fallbackInterval how often the timer loop looks for timers set by other instances
 */
@Validated
@ConfigurationProperties("helpdesk.tickets.auto-close")
public record AutoCloseProperties(boolean enabled, @Min(1) @Max(365) int businessDays, @NotNull Duration fallbackInterval) {

    public AutoCloseProperties {
        fallbackInterval = fallbackInterval == null ? Duration.ofMinutes(1) : fallbackInterval;
        if (fallbackInterval.isNegative() || fallbackInterval.isZero()) {
            throw new IllegalArgumentException("helpdesk.tickets.auto-close.fallback-interval must be positive");
        }
    }
}
