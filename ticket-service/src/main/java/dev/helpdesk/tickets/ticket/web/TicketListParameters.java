package dev.helpdesk.tickets.ticket.web;

import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.tickets.ticket.query.TicketSearch;
import dev.helpdesk.tickets.ticket.query.TicketSort;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of {@code GET /api/tickets} besides the organisation and the page, checked all at once: every
 * bad value is listed in one 400 {@code invalid-request} problem. Enumerations bind in Spring (a bad status is its
 * own 400); dates and the sort are read here, so that {@code from}/{@code to} take an instant or a whole day.
 */
record TicketListParameters(String organizationId, String q, TicketStatus status, Severity severity, TicketType type, String assignee,
                            Boolean unassigned, String openedBy, String from, String to, String sort) {

    static final int MAX_QUERY = 200;
    static final int MAX_USER = 200;

    TicketSearch toSearch() {
        List<FieldError> errors = new ArrayList<>();
        String text = null;
        if (q != null) {
            if (q.isBlank() || q.length() > MAX_QUERY || hasControlCharacters(q)) {
                errors.add(new FieldError("q", "must be 1 to " + MAX_QUERY + " characters, not only spaces, no control characters"));
            } else {
                text = q.strip();
            }
        }
        if (organizationId != null && (organizationId.isBlank() || organizationId.length() > 64
                || hasControlCharacters(organizationId))) {
            errors.add(new FieldError("organizationId", "must be an organisation id"));
        }
        user(errors, "assignee", assignee);
        user(errors, "openedBy", openedBy);
        boolean onlyUnassigned = Boolean.TRUE.equals(unassigned);
        if (onlyUnassigned && assignee != null) {
            errors.add(new FieldError("unassigned", "cannot be combined with assignee"));
        }
        Instant start = instant(errors, "from", from, false);
        Instant end = instant(errors, "to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        TicketSort order = sort == null ? TicketSort.CREATED : TicketSort.ofParameter(sort).orElse(null);
        if (order == null) {
            errors.add(new FieldError("sort", "must be one of sla, created, updated"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new TicketSearch(text, name(status), name(severity), name(type), assignee, onlyUnassigned, openedBy,
                start, end, order);
    }

    private static void user(List<FieldError> errors, String field, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_USER || hasControlCharacters(value))) {
            errors.add(new FieldError(field, "must be 1 to " + MAX_USER + " characters"));
        }
    }

    /**
     * An ISO-8601 instant, or a date read in UTC: {@code from} a date is the start of that day, {@code to} a date the
     * end of it (the start of the next day, which the bound excludes).
     */
    private static Instant instant(List<FieldError> errors, String field, String value, boolean endOfDay) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() <= 10 ? LocalDate.parse(value).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant (2026-11-23T09:00:00Z) or date (2026-11-23)"));
            return null;
        }
    }

    /** PostgreSQL refuses NUL in text; no other control character belongs in these values either. */
    private static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
