package dev.helpdesk.events.organization;

/** A technical contact was removed from an organisation (they may no longer open tickets). */
public record ContactRemovedEvent(String organizationId, String userId) {
}
