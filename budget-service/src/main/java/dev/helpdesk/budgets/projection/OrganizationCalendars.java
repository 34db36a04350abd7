package dev.helpdesk.budgets.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.budgets.charging.PublishedCalendar;
import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.businesstime.OpeningSpan;
import dev.helpdesk.events.sla.SlaBusinessHours;
import dev.helpdesk.events.sla.SlaOrganizationCalendarChangedEvent;
import dev.helpdesk.pipeline.inbound.JsonColumns;
import dev.helpdesk.pipeline.inbound.StreamSequences;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The calendars sla-service published for each organisation ({@code organization-calendar-changed} on
 * {@code helpdesk.sla.v1}), each in force from its {@code effectiveFrom}. Reference data beside the projection: not
 * per generation, so a rebuild of the ticket topic neither needs nor touches it. Only an event of a higher sequence (in
 * the organisation's stream) than the last applied one is stored, so a repeated or older event never overwrites a
 * newer calendar.
 */
@Repository
public class OrganizationCalendars {

    private static final TypeReference<Map<DayOfWeek, List<SlaBusinessHours>>> WEEK = new TypeReference<>() {
    };
    private static final TypeReference<List<LocalDate>> DATES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final StreamSequences streams;
    private final JsonColumns columns;

    public OrganizationCalendars(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.streams = new StreamSequences(jdbc, "organization_calendar_stream", "organization_id");
        this.columns = new JsonColumns(json, "calendar");
    }

    /**
     * The business calendar of a published event.
     *
     * @throws IllegalArgumentException    when its hours overlap, a span is incomplete or the week is never open
     * @throws java.time.DateTimeException when its zone is not an IANA zone
     */
    public static BusinessCalendar calendarOf(String timeZone, Map<DayOfWeek, List<SlaBusinessHours>> weeklyHours,
                                              List<LocalDate> holidays) {
        Map<DayOfWeek, List<OpeningSpan>> week = new EnumMap<>(DayOfWeek.class);
        weeklyHours.forEach((day, spans) -> week.put(day, spans == null ? List.of() : spans.stream()
                .map(span -> {
                    if (span == null) {
                        throw new IllegalArgumentException("an opening span is missing");
                    }
                    return new OpeningSpan(span.from(), span.to());
                }).toList()));
        return new BusinessCalendar(week, new HashSet<>(holidays), ZoneId.of(timeZone));
    }

    /** Stores the event's calendar unless an event of the organisation with this or a higher sequence was; true when stored. */
    public boolean store(SlaOrganizationCalendarChangedEvent event, long sequence) {
        if (!streams.advance(event.organizationId(), sequence)) {
            return false;
        }
        jdbc.update("""
                insert into organization_calendar (organization_id, effective_from, calendar_id, calendar_version,
                    time_zone, weekly_hours, holidays, event_sequence) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
                on conflict (organization_id, effective_from) do update set calendar_id = excluded.calendar_id,
                    calendar_version = excluded.calendar_version, time_zone = excluded.time_zone,
                    weekly_hours = excluded.weekly_hours, holidays = excluded.holidays,
                    event_sequence = excluded.event_sequence""",
                event.organizationId(), Timestamp.from(event.effectiveFrom()), event.calendarId(), event.calendarVersion(),
                event.timeZone(), columns.write(event.weeklyHours()), columns.write(event.holidays()), sequence);
        return true;
    }

    /** The published calendars of the organisations, in one statement whatever their number. */
    public Map<String, List<PublishedCalendar>> of(List<String> organizationIds) {
        Map<String, List<PublishedCalendar>> calendars = new HashMap<>();
        jdbc.query("""
                        select organization_id, effective_from, time_zone, weekly_hours::text, holidays::text
                        from organization_calendar where organization_id = any(?::text[]) order by effective_from""",
                row -> {
                    calendars.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(new PublishedCalendar(
                            row.getTimestamp(2).toInstant(),
                            calendarOf(row.getString(3), columns.read(row.getString(4), WEEK),
                                    columns.read(row.getString(5), DATES))));
                }, (Object) organizationIds.toArray(String[]::new));
        return calendars;
    }
}
