package dev.helpdesk.events.sla;

/** {@code helpdesk.sla.organization-policy-assigned.v1}: an admin gave an organisation a policy of its own. */
public record SlaOrganizationPolicyAssignedEvent(String organizationId, String policyId) {
}
