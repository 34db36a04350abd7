package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An organisation's terms at one moment: what a change replaces and what a ticket opened then is opened under.
 * {@code supportManager}, {@code relationshipManager} and the rates may be null (rates only exist with a budget).
 */
public record ContractTerms(
        String name,
        Plan plan,
        CalendarKind calendar,
        String timeZone,
        int contactLimit,
        String supportManager,
        String relationshipManager,
        BigDecimal standardRate,
        BigDecimal consultancyRate) {

    /** These terms with the patch's fields; a manager patched to an empty string is cleared. */
    public ContractTerms with(TermsPatch patch) {
        return new ContractTerms(
                patch.name() != null ? patch.name() : name,
                patch.plan() != null ? patch.plan() : plan,
                patch.calendar() != null ? patch.calendar() : calendar,
                patch.timeZone() != null ? patch.timeZone() : timeZone,
                patch.contactLimit() != null ? patch.contactLimit() : contactLimit,
                patch.supportManager() != null ? blankToNull(patch.supportManager()) : supportManager,
                patch.relationshipManager() != null ? blankToNull(patch.relationshipManager()) : relationshipManager,
                patch.standardRate() != null ? patch.standardRate() : standardRate,
                patch.consultancyRate() != null ? patch.consultancyRate() : consultancyRate);
    }

    public ContractTerms withContactLimit(int limit) {
        return new ContractTerms(name, plan, calendar, timeZone, limit, supportManager, relationshipManager,
                standardRate, consultancyRate);
    }

    /** The fields (named as in the terms-changed event) whose values differ in {@code next}; amounts by value. */
    public List<String> changedFieldsTo(ContractTerms next) {
        List<String> changed = new ArrayList<>();
        addIf(changed, "name", !Objects.equals(name, next.name));
        addIf(changed, "plan", plan != next.plan);
        addIf(changed, "calendar", calendar != next.calendar);
        addIf(changed, "timeZone", !Objects.equals(timeZone, next.timeZone));
        addIf(changed, "contactLimit", contactLimit != next.contactLimit);
        addIf(changed, "supportManager", !Objects.equals(supportManager, next.supportManager));
        addIf(changed, "relationshipManager", !Objects.equals(relationshipManager, next.relationshipManager));
        addIf(changed, "standardRate", !sameAmount(standardRate, next.standardRate));
        addIf(changed, "consultancyRate", !sameAmount(consultancyRate, next.consultancyRate));
        return changed;
    }

    private static void addIf(List<String> changed, String field, boolean differs) {
        if (differs) {
            changed.add(field);
        }
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
