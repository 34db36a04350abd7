package dev.helpdesk.notifications.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The topic names this service reads ({@code helpdesk.topics.*}). */
@Validated
@ConfigurationProperties("helpdesk.topics")
public record TopicNames(@NotBlank String tickets, @NotBlank String sla, @NotBlank String escalations) {
}
