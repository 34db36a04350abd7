package dev.helpdesk.budgets.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Topic names ({@code helpdesk.topics.*}): the budget service reads tickets and the organisation calendars of the SLA
 * topic, and publishes budgets.
 */
@Validated
@ConfigurationProperties("helpdesk.topics")
public record TopicNames(@NotBlank String tickets, @NotBlank String sla, @NotBlank String budgets) {
}
