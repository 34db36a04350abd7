package dev.helpdesk.webhooks.endpoint;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The body of a registration or a replacement. */
public record EndpointRequest(
        @Schema(description = "https URL the events are POSTed to", example = "https://hooks.example.org/helpdesk")
        @NotBlank @Size(max = 2000) String url,
        @Schema(description = "Event types to deliver (docs/webhooks.md lists them)",
                example = "[\"helpdesk.ticket.opened.v1\", \"helpdesk.sla.breached.v1\"]")
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 200) String> eventTypes,
        @Schema(description = "Only this organisation's events; absent or null: every organisation's", nullable = true)
        @Size(min = 1, max = 100) String organizationId,
        @Schema(description = "Whether events are delivered; true when absent", defaultValue = "true")
        Boolean active) {

    public boolean activeOrDefault() {
        return active == null || active;
    }

}
