package dev.helpdesk.sla.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.sla.settings.SettingsChanges;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class CalendarRepository {

    private static final TypeReference<Map<String, List<SpanDocument>>> WEEK = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> DATES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SettingsChanges changes;

    public CalendarRepository(JdbcTemplate jdbc, ObjectMapper json, SettingsChanges changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.changes = changes;
    }

    public Optional<CalendarDocument> find(String id) {
        return jdbc.query("SELECT * FROM calendar WHERE id = ?", this::map, id).stream().findFirst();
    }

    public List<CalendarDocument> findAll() {
        return jdbc.query("SELECT * FROM calendar ORDER BY id", this::map);
    }

    public boolean exists(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM calendar WHERE id = ?)", Boolean.class, id));
    }

    /**
     * Creates or replaces the calendar; answers it with its version (unchanged when the content is the same). A
     * change tells every instance to forget its copy.
     */
    @Transactional
    public CalendarDocument save(CalendarDocument calendar) {
        List<Long> changed = jdbc.queryForList("""
                INSERT INTO calendar (id, weekly_hours, holidays, time_zone) VALUES (?, ?::jsonb, ?::jsonb, ?)
                ON CONFLICT (id) DO UPDATE SET weekly_hours = excluded.weekly_hours, holidays = excluded.holidays,
                    time_zone = excluded.time_zone, version = calendar.version + 1, updated_at = now()
                WHERE (calendar.weekly_hours, calendar.holidays, calendar.time_zone)
                      IS DISTINCT FROM (excluded.weekly_hours, excluded.holidays, excluded.time_zone)
                RETURNING version""", Long.class,
                calendar.id(), write(calendar.weeklyHours()), write(calendar.holidays()), calendar.timeZone());
        if (changed.isEmpty()) {
            return find(calendar.id()).orElseThrow();
        }
        changes.calendarChanged(calendar.id(), changed.get(0));
        return calendar.withId(calendar.id(), changed.get(0));
    }

    private CalendarDocument map(ResultSet row, int index) throws SQLException {
        try {
            return new CalendarDocument(row.getString("id"), json.readValue(row.getString("weekly_hours"), WEEK),
                    json.readValue(row.getString("holidays"), DATES), row.getString("time_zone"), row.getLong("version"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored calendar " + row.getString("id") + " is unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
