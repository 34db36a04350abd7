package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;

import java.math.BigDecimal;
import java.util.stream.Stream;

/**
 * The fields an admin asked to change; null means "leave as it is". A manager given as an empty string is
 * cleared (JSON null cannot be told from an absent field).
 */
public record TermsPatch(
        String name,
        Plan plan,
        CalendarKind calendar,
        String timeZone,
        Integer contactLimit,
        String supportManager,
        String relationshipManager,
        BigDecimal standardRate,
        BigDecimal consultancyRate) {

    public boolean isEmpty() {
        return Stream.of(name, plan, calendar, timeZone, contactLimit, supportManager, relationshipManager,
                standardRate, consultancyRate).allMatch(java.util.Objects::isNull);
    }

    public boolean touchesRates() {
        return standardRate != null || consultancyRate != null;
    }
}
