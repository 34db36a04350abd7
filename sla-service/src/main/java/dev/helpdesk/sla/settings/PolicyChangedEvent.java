package dev.helpdesk.sla.settings;

/** {@code helpdesk.sla.policy-changed.v1}: an admin created or changed a policy; it now has this version. */
public record PolicyChangedEvent(String policyId, long version) {
}
