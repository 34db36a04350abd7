package dev.helpdesk.sla.clock;

/** What an SLA clock measures. */
public enum Metric {
    FIRST_RESPONSE, RESOLUTION,
    /** Started by a contact's public comment (one at a time), met by support's next public reply. */
    NEXT_REPLY
}
