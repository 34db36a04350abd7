package dev.helpdesk.escalations.inbound;

import java.util.List;

/** How to read the data of one event type: its record and the fields that must be present. */
public record EventShape(Class<?> dataType, List<String> requiredFields) {
}
