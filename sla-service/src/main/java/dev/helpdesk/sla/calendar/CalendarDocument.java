package dev.helpdesk.sla.calendar;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.businesstime.OpeningSpan;
import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A calendar as the API and the database hold it. Hours and holidays are read in the organisation's zone unless
 * {@code timeZone} fixes one.
 */
public record CalendarDocument(String id, Map<String, List<SpanDocument>> weeklyHours, List<String> holidays,
                               String timeZone, Long version) {

    /** The business calendar in the calendar's own zone or else {@code organizationZone}. */
    public BusinessCalendar toBusinessCalendar(ZoneId organizationZone) {
        Parsed parsed = parse();
        return new BusinessCalendar(parsed.week(), parsed.holidays(), parsed.zone() != null ? parsed.zone() : organizationZone);
    }

    /** Checks everything a user may get wrong; all problems at once. */
    public void validate() {
        parse();
    }

    public CalendarDocument withId(String newId, Long newVersion) {
        return new CalendarDocument(newId, weeklyHours, holidays == null ? List.of() : holidays, timeZone, newVersion);
    }

    private Parsed parse() {
        List<FieldError> errors = new ArrayList<>();
        Map<DayOfWeek, List<OpeningSpan>> week = new EnumMap<>(DayOfWeek.class);
        if (weeklyHours == null) {
            errors.add(new FieldError("weeklyHours", "is required"));
        } else {
            weeklyHours.forEach((dayName, spans) -> parseDay(dayName, spans, week, errors));
            if (errors.isEmpty() && week.values().stream().allMatch(List::isEmpty)) {
                errors.add(new FieldError("weeklyHours", "a calendar must be open at least once a week"));
            }
        }
        Set<LocalDate> days = new LinkedHashSet<>();
        List<String> holidayTexts = holidays == null ? List.of() : holidays;
        for (int i = 0; i < holidayTexts.size(); i++) {
            try {
                days.add(LocalDate.parse(holidayTexts.get(i)));
            } catch (RuntimeException e) {
                errors.add(new FieldError("holidays[" + i + "]", "is not a date (yyyy-MM-dd)"));
            }
        }
        ZoneId zone = null;
        if (timeZone != null) {
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "unknown time zone: " + timeZone));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Parsed(week, days, zone);
    }

    private static void parseDay(String dayName, List<SpanDocument> spans, Map<DayOfWeek, List<OpeningSpan>> week,
                                 List<FieldError> errors) {
        String field = "weeklyHours." + dayName;
        DayOfWeek day;
        try {
            day = DayOfWeek.valueOf(dayName.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, "is not a day of the week (MONDAY..SUNDAY)"));
            return;
        }
        List<OpeningSpan> parsed = new ArrayList<>();
        List<SpanDocument> given = spans == null ? List.of() : spans;
        for (int i = 0; i < given.size(); i++) {
            SpanDocument span = given.get(i);
            try {
                if (span == null) {
                    throw new IllegalArgumentException("an opening span needs both 'from' and 'to'");
                }
                parsed.add(OpeningSpan.parse(span.from(), span.to()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + "[" + i + "]", e.getMessage()));
            }
        }
        if (parsed.size() == given.size() && !parsed.isEmpty()) {
            try {
                new BusinessCalendar(Map.of(day, parsed), Set.of(), ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        }
        week.put(day, parsed);
    }

    /** The document of a business calendar's hours and holidays (for the seeded defaults and tests). */
    public static Map<String, List<SpanDocument>> weekOf(Map<DayOfWeek, List<OpeningSpan>> week) {
        Map<String, List<SpanDocument>> document = new LinkedHashMap<>();
        week.forEach((day, spans) -> document.put(day.name(),
                spans.stream().map(span -> new SpanDocument(span.fromText(), span.toText())).toList()));
        return document;
    }

    private record Parsed(Map<DayOfWeek, List<OpeningSpan>> week, Set<LocalDate> holidays, ZoneId zone) {
    }
}
