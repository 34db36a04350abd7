package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.helpdesk.events.Severity;

import java.time.Instant;

/** The data of {@code helpdesk.sla.breached.v1} as far as escalation needs it; other fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlaBreachedData(String ticketId, String organizationId, String metric, Severity severity, Instant dueAt,
                              Instant breachedAt) {

    public static final String TYPE = "helpdesk.sla.breached.v1";
}
