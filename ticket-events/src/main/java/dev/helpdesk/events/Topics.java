package dev.helpdesk.events;

/** Kafka topic names of the helpdesk. Every service reads its names from configuration; these are the defaults. */
public final class Topics {
    public static final String TICKETS = "helpdesk.tickets.v1";
    public static final String SLA = "helpdesk.sla.v1";
    public static final String ESCALATIONS = "helpdesk.escalations.v1";
    public static final String BUDGETS = "helpdesk.budgets.v1";

    private Topics() {
    }
}
