package dev.helpdesk.events.sla;

import dev.helpdesk.events.EventTypeRegistry;
import dev.helpdesk.events.Topics;

import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of each event on {@code helpdesk.sla.v1} and the record that is its {@code data}.
 * A type name never changes meaning: an incompatible change gets a new {@code .vN} type.
 */
public final class SlaEventTypes {

    /** The topic the SLA service publishes to (the default; services read the name from configuration). */
    public static final String TOPIC = Topics.SLA;

    public static final String CLOCK_STARTED = "helpdesk.sla.clock-started.v1";
    public static final String CLOCK_PAUSED = "helpdesk.sla.clock-paused.v1";
    public static final String CLOCK_RESUMED = "helpdesk.sla.clock-resumed.v1";
    public static final String WARNING_REACHED = "helpdesk.sla.warning-reached.v1";
    public static final String BREACHED = "helpdesk.sla.breached.v1";
    public static final String MET = "helpdesk.sla.met.v1";
    /** Settings changed through the SLA service's API; its instances evict their cached copies on reading them. */
    public static final String POLICY_CHANGED = "helpdesk.sla.policy-changed.v1";
    public static final String CALENDAR_CHANGED = "helpdesk.sla.calendar-changed.v1";
    public static final String ORGANIZATION_POLICY_ASSIGNED = "helpdesk.sla.organization-policy-assigned.v1";
    public static final String CLOCK_EXEMPTED = "helpdesk.sla.clock-exempted.v1";
    /** The whole business calendar an organisation's deadlines now count on (for other services' deadlines). */
    public static final String ORGANIZATION_CALENDAR_CHANGED = "helpdesk.sla.organization-calendar-changed.v1";

    private static final EventTypeRegistry REGISTRY = new EventTypeRegistry()
            .register(CLOCK_STARTED, SlaClockStartedEvent.class)
            .register(CLOCK_PAUSED, SlaClockPausedEvent.class)
            .register(CLOCK_RESUMED, SlaClockResumedEvent.class)
            .register(WARNING_REACHED, SlaWarningReachedEvent.class)
            .register(BREACHED, SlaBreachedEvent.class)
            .register(MET, SlaMetEvent.class)
            .register(POLICY_CHANGED, SlaPolicyChangedEvent.class)
            .register(CALENDAR_CHANGED, SlaCalendarChangedEvent.class)
            .register(ORGANIZATION_POLICY_ASSIGNED, SlaOrganizationPolicyAssignedEvent.class)
            .register(CLOCK_EXEMPTED, SlaClockExemptedEvent.class)
            .register(ORGANIZATION_CALENDAR_CHANGED, SlaOrganizationCalendarChangedEvent.class);

    private SlaEventTypes() {
    }

    /** The record class of a type, empty for a type this version does not know (consumers skip those). */
    public static Optional<Class<?>> classOf(String type) {
        return REGISTRY.classOf(type);
    }

    /** The type name of a published event record. */
    public static Optional<String> typeOf(Class<?> eventClass) {
        return REGISTRY.typeOf(eventClass);
    }

    public static Map<String, Class<?>> all() {
        return REGISTRY.all();
    }
}
