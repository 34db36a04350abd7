package dev.helpdesk.sla.settings;

/** {@code helpdesk.sla.organization-policy-assigned.v1}: an admin gave an organisation a policy of its own. */
public record OrganizationPolicyAssignedEvent(String organizationId, String policyId) {
}
