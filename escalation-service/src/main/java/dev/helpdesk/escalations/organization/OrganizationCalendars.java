package dev.helpdesk.escalations.organization;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.businesstime.OpeningSpan;
import dev.helpdesk.escalations.domain.CalendarTimeline;
import dev.helpdesk.escalations.domain.PublishedCalendar;
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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The calendars the sla-service published for each organisation ({@code organization-calendar-changed}), kept as a
 * time line: each from its {@code effectiveFrom}. Only an event of a higher sequence (in the organisation's stream)
 * than the last applied one is stored, so a redelivered or replayed older event never overwrites a newer calendar.
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
     * @throws IllegalArgumentException  when its hours overlap or the week is never open
     * @throws java.time.DateTimeException when its zone is not an IANA zone
     */
    public static BusinessCalendar calendarOf(String timeZone, Map<DayOfWeek, List<SlaBusinessHours>> weeklyHours,
                                              List<LocalDate> holidays) {
        Map<DayOfWeek, List<OpeningSpan>> week = new EnumMap<>(DayOfWeek.class);
        weeklyHours.forEach((day, spans) -> week.put(day, spans.stream()
                .map(span -> span == null ? null : new OpeningSpan(span.from(), span.to())).toList()));
        return new BusinessCalendar(week, new HashSet<>(holidays), ZoneId.of(timeZone));
    }

    /** Stores the event's calendar unless a newer event of the organisation was applied; true when stored. */
    public boolean store(SlaOrganizationCalendarChangedEvent event, long sequence) {
        if (!streams.advance(event.organizationId(), sequence)) {
            return false;
        }
        jdbc.update("""
                INSERT INTO organization_calendar (organization_id, effective_from, calendar_id, calendar_version, time_zone,
                    weekly_hours, holidays, event_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (organization_id, effective_from) DO UPDATE SET calendar_id = excluded.calendar_id,
                    calendar_version = excluded.calendar_version, time_zone = excluded.time_zone,
                    weekly_hours = excluded.weekly_hours, holidays = excluded.holidays,
                    event_sequence = excluded.event_sequence""",
                event.organizationId(), Timestamp.from(event.effectiveFrom()), event.calendarId(), event.calendarVersion(),
                event.timeZone(), columns.write(event.weeklyHours()), columns.write(event.holidays()), sequence);
        return true;
    }

    /** The organisation's calendars on the time line, {@code fallback} before the first published one. */
    public CalendarTimeline timeline(String organizationId, BusinessCalendar fallback) {
        List<PublishedCalendar> published = jdbc.query("""
                SELECT calendar_id, calendar_version, time_zone, weekly_hours, holidays, effective_from, event_sequence
                FROM organization_calendar WHERE organization_id = ? ORDER BY effective_from""",
                (rs, row) -> new PublishedCalendar(rs.getString(1), rs.getLong(2),
                        calendarOf(rs.getString(3), columns.read(rs.getString(4), WEEK),
                                columns.read(rs.getString(5), DATES)),
                        rs.getTimestamp(6).toInstant(), rs.getLong(7)),
                organizationId);
        return new CalendarTimeline(fallback, published);
    }
}
