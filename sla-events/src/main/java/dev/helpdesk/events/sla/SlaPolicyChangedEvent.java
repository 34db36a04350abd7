package dev.helpdesk.events.sla;

/** {@code helpdesk.sla.policy-changed.v1}: an admin created or changed a policy; it now has this version. */
public record SlaPolicyChangedEvent(String policyId, long version) {
}
