package dev.helpdesk.sla.ticket;

import dev.helpdesk.events.Severity;
import dev.helpdesk.sla.clock.ClockSegment;
import dev.helpdesk.sla.clock.ClockState;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code clock_segment} table: each clock's history, append-only (docs/replays.md, "SLA as of T"). */
@Repository
public class ClockSegments {

    private final JdbcTemplate jdbc;

    public ClockSegments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The segments as the 15 array parameters of an {@code unnest} in the column order of {@link #INSERT}: the
     * history is written in the statement that stores the clocks ({@link TicketStore#saveAll}), no round trip of its own.
     */
    static Object[] columns(List<ClockSegment> segments) {
        int size = segments.size();
        ClockColumns clocks = new ClockColumns(size);
        String[] kinds = new String[size];
        String[] at = new String[size];
        String[] reasons = new String[size];
        String[] previous = new String[size];
        for (int i = 0; i < size; i++) {
            ClockSegment segment = segments.get(i);
            clocks.set(i, segment.clock());
            kinds[i] = segment.kind().name();
            at[i] = ClockColumns.text(segment.at());
            reasons[i] = segment.reason();
            previous[i] = segment.previousSeverity() == null ? null : segment.previousSeverity().name();
        }
        List<Object> columns = new ArrayList<>(List.of(clocks.ticketIds, clocks.metrics, kinds, at, reasons, previous,
                clocks.severities, clocks.states));
        columns.addAll(clocks.targetToBreached());
        return columns.toArray();
    }

    /** The insert of {@link #columns}, in their order (rows kept in the order given). */
    static final String INSERT = """
            INSERT INTO clock_segment (ticket_id, metric, kind, at, reason, previous_severity, severity, state,
                target_ms, started_at, due_at, paused_at, paused_for_ms, met_at, breached_at)
            SELECT s.ticket_id, s.metric, s.kind, s.at, s.reason, s.previous_severity, s.severity, s.state,
                s.target_ms, s.started_at, s.due_at, s.paused_at, s.paused_for_ms, s.met_at, s.breached_at
            FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::bigint[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::bigint[],
                        ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY
                 AS s (ticket_id, metric, kind, at, reason, previous_severity, severity, state, target_ms,
                       started_at, due_at, paused_at, paused_for_ms, met_at, breached_at, position)""";

    /** A ticket's segments, per metric in the order they happened. */
    public List<ClockSegment> of(String ticketId) {
        return jdbc.query("SELECT * FROM clock_segment WHERE ticket_id = ? ORDER BY metric, at, id", this::map,
                ticketId);
    }

    private ClockSegment map(ResultSet row, int index) throws SQLException {
        long target = row.getLong("target_ms");
        Duration targetDuration = row.wasNull() ? null : Duration.ofMillis(target);
        String previous = row.getString("previous_severity");
        SlaClock clock = new SlaClock(row.getString("ticket_id"), Metric.valueOf(row.getString("metric")),
                Severity.valueOf(row.getString("severity")), ClockState.valueOf(row.getString("state")),
                targetDuration, instant(row, "started_at"), instant(row, "due_at"), instant(row, "paused_at"),
                Duration.ofMillis(row.getLong("paused_for_ms")), instant(row, "met_at"), instant(row, "breached_at"),
                List.of(), new TreeSet<>(),
                ClockState.EXEMPTED.name().equals(row.getString("state")) ? instant(row, "at") : null);
        return new ClockSegment(ClockSegment.Kind.valueOf(row.getString("kind")), instant(row, "at"),
                row.getString("reason"), previous == null ? null : Severity.valueOf(previous), clock);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
