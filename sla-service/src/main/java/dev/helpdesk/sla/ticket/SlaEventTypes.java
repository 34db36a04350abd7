package dev.helpdesk.sla.ticket;

/** CloudEvents types of helpdesk.sla.v1 (see docs/sla-events.md). */
public final class SlaEventTypes {

    public static final String CLOCK_STARTED = "helpdesk.sla.clock-started.v1";
    public static final String CLOCK_PAUSED = "helpdesk.sla.clock-paused.v1";
    public static final String CLOCK_RESUMED = "helpdesk.sla.clock-resumed.v1";
    public static final String WARNING_REACHED = "helpdesk.sla.warning-reached.v1";
    public static final String BREACHED = "helpdesk.sla.breached.v1";
    public static final String MET = "helpdesk.sla.met.v1";
    /** Settings changed through this service's API; every instance evicts its copy (see settings/SettingsCache). */
    public static final String POLICY_CHANGED = "helpdesk.sla.policy-changed.v1";
    public static final String CALENDAR_CHANGED = "helpdesk.sla.calendar-changed.v1";
    public static final String ORGANIZATION_POLICY_ASSIGNED = "helpdesk.sla.organization-policy-assigned.v1";

    private SlaEventTypes() {
    }
}
