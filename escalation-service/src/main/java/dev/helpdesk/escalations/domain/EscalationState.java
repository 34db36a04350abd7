package dev.helpdesk.escalations.domain;

/** The life of one escalation level: raised ({@code OPEN}), acknowledged with an action plan, then closed. */
public enum EscalationState {
    OPEN, ACKNOWLEDGED, CLOSED;

    /** Only an open level can be acknowledged; an acknowledged or closed one cannot be acknowledged again. */
    public boolean acknowledgeable() {
        return this == OPEN;
    }
}
