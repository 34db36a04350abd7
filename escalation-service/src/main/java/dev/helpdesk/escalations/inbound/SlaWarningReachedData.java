package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.helpdesk.events.Severity;

import java.time.Instant;

/** The data of {@code helpdesk.sla.warning-reached.v1} as far as escalation needs it; other fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlaWarningReachedData(String ticketId, String organizationId, String metric, Severity severity,
                                    Integer thresholdPercent, Instant dueAt, Instant at) {

    public static final String TYPE = "helpdesk.sla.warning-reached.v1";
}
