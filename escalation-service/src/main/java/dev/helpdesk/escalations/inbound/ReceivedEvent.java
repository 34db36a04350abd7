package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.databind.JsonNode;

/** The parts of a CloudEvents envelope this service uses; {@code data} is read by type afterwards. */
public record ReceivedEvent(String id, String type, String actor, String correlationId, JsonNode data) {
}
