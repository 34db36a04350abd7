package dev.helpdesk.events;

/** Kind of ticket. */
public enum TicketType {
    INCIDENT, BUG, QUERY, REQUEST, SITE_REFRESH;

    /** Resolution targets apply only to incidents and queries. */
    public boolean hasResolutionTarget() {
        return this == INCIDENT || this == QUERY;
    }
}
