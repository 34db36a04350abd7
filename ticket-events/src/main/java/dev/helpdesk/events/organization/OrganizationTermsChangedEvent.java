package dev.helpdesk.events.organization;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An admin changed an organisation's terms, in effect from {@code effectiveFrom} (which may lie in the past or the
 * future of {@code changedAt}). Carries the organisation's complete terms after the change, not a patch, so that a
 * consumer never merges: {@code changedFields} names what changed (camelCase field names of this record).
 * {@code supportManager}, {@code relationshipManager} and the rates may be null (not set; rates only exist with a
 * budget). Tickets keep the terms they were opened under where DOMAIN.md says so; a consumer applies the new terms
 * to what starts at or after {@code effectiveFrom}.
 */
public record OrganizationTermsChangedEvent(
        String organizationId,
        String name,
        Plan plan,
        CalendarKind calendar,
        String timeZone,
        int contactLimit,
        String supportManager,
        String relationshipManager,
        BigDecimal standardRate,
        BigDecimal consultancyRate,
        List<String> changedFields,
        Instant effectiveFrom,
        String changedBy,
        Instant changedAt) {

    public OrganizationTermsChangedEvent {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }

    public boolean changed(String field) {
        return changedFields.contains(field);
    }
}
