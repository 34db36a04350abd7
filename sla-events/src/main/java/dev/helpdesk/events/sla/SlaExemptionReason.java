package dev.helpdesk.events.sla;

/** Why support took a clock out of compliance (the documented list; docs/sla-exemptions.md). */
public enum SlaExemptionReason { MISASSIGNED_SEVERITY, CLIENT_CONFIGURATION, CUSTOMER_ASKED_TO_WAIT }
