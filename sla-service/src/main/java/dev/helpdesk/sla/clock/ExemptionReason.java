package dev.helpdesk.sla.clock;

/** Why support may take a clock out of compliance (the documented list, docs/sla-contract.md). */
public enum ExemptionReason {
    /** The customer gave the ticket a higher severity than its impact. */
    MISASSIGNED_SEVERITY,
    /** The cause lay in the customer's own configuration (client side). */
    CLIENT_CONFIGURATION,
    /** The customer asked support to wait. */
    CUSTOMER_ASKED_TO_WAIT
}
