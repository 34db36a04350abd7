package dev.helpdesk.sla.clock;

/** The state of an SLA clock. */
public enum ClockState {
    RUNNING, PAUSED, MET, BREACHED, NOT_APPLICABLE,
    /** Support took the clock out of compliance with a reason: it counts no more and fires nothing. */
    EXEMPTED;

    public boolean isOpen() {
        return this == RUNNING || this == PAUSED;
    }
}
