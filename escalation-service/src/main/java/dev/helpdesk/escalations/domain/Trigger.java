package dev.helpdesk.escalations.domain;

/** What raised an escalation level (the {@code trigger} of {@code helpdesk.escalation.raised.v1}). */
public enum Trigger {
    SLA_BREACH,
    SLA_WARNING,
    /** A contact (or an agent on their behalf) asked for escalation. */
    CUSTOMER_REQUEST,
    /** The level below was not acknowledged in time. */
    ACKNOWLEDGEMENT_TIMEOUT
}
