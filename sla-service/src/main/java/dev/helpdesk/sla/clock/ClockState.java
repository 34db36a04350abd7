package dev.helpdesk.sla.clock;

/** The state of an SLA clock. */
public enum ClockState {
    RUNNING, PAUSED, MET, BREACHED, NOT_APPLICABLE;

    public boolean isOpen() {
        return this == RUNNING || this == PAUSED;
    }
}
