package dev.helpdesk.sla.policy;

import dev.helpdesk.events.CalendarKind;
import java.util.Locale;

/**
 * Which policy and calendar an organisation's new tickets get: a policy an admin assigned decides with its calendar;
 * otherwise the plan's default policy, counted on the organisation's coverage calendar (business hours or 24x7), or
 * on the policy's calendar while the coverage is unknown.
 */
public final class EffectiveCalendar {

    public static final String BUSINESS_HOURS = "business-hours";
    public static final String TWENTY_FOUR_SEVEN = "24x7";

    private EffectiveCalendar() {
    }

    /** The policy of an organisation: the assigned one, else its plan's default ({@code standard} when unknown). */
    public static String policyId(String assignedPolicy, String plan) {
        if (assignedPolicy != null) {
            return assignedPolicy;
        }
        return plan == null ? "standard" : plan.toLowerCase(Locale.ROOT);
    }

    /**
     * @param assigned       whether the policy was assigned by an admin
     * @param calendarKind   the organisation's coverage ({@link CalendarKind} name), or null when unknown
     * @param policyCalendar the calendar of the policy that applies
     */
    public static String calendarId(boolean assigned, String calendarKind, String policyCalendar) {
        if (assigned || calendarKind == null) {
            return policyCalendar;
        }
        return CalendarKind.TWENTY_FOUR_SEVEN.name().equals(calendarKind) ? TWENTY_FOUR_SEVEN : BUSINESS_HOURS;
    }
}
