package dev.helpdesk.events.organization;

/** A technical contact was added to an organisation. */
public record ContactAddedEvent(String organizationId, String userId, String name, String email) {
}
