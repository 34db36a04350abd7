package dev.helpdesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes open tickets straight into the sla database, as the service itself would have stored them on opening
 * (see sla-service {@code TicketStore}, {@code ClockRecorder}): INCIDENT S3 tickets under the V2 policy
 * {@code dedicated} (24x7 calendar, zone UTC, so business time is wall time: first response PT12H, resolution
 * PT24H, warnings at 75 and 90 %), each with its two running clocks, their timers (75 % warning next) and the two
 * published {@code clock-started} events in the outbox (so event sequences and the outbox size are as in production).
 * Tickets are opened within the last 8 hours, so every timer is 1 to 18 hours ahead.
 */
final class TimerSeed {

    static final Duration FIRST_RESPONSE = Duration.ofHours(12);
    static final Duration RESOLUTION = Duration.ofHours(24);
    static final String WARNING = "helpdesk.sla.warning-reached.v1";

    private final Connection db;

    TimerSeed(Connection db) {
        this.db = db;
    }

    /** Ticket id of seed number {@code n} (1-based): the MD5 of its decimal digits as a UUID, like SQL's {@code md5(n::text)::uuid}. */
    static String ticketId(long n) {
        try {
            String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seeds {@code tickets} tickets (two clocks each); the statements are set-based so 1M clocks take about a minute. */
    void seed(long tickets) throws SQLException {
        db.setAutoCommit(false);
        try (Statement sql = db.createStatement()) {
            sql.execute("CREATE TEMP TABLE seed ON COMMIT DROP AS SELECT g AS n, md5(g::text)::uuid::text AS ticket_id, "
                    + "date_trunc('second', now()) - (g % 28800) * interval '1 second' AS opened_at "
                    + "FROM generate_series(1, " + tickets + ") g");
            sql.execute("""
                    INSERT INTO ticket (ticket_id, organization_id, type, severity, status, policy_id, policy_version,
                        calendar_id, time_zone, targets, warning_thresholds, opened_at)
                    SELECT s.ticket_id, 'bench-org-' || (s.n % 1000), 'INCIDENT', 'S3', 'NEW', p.id, p.version,
                        p.calendar_id, 'UTC', p.targets, p.warning_thresholds, s.opened_at
                    FROM seed s CROSS JOIN policy p WHERE p.id = 'dedicated'""");
            for (String[] metric : List.of(new String[] {"FIRST_RESPONSE", Long.toString(FIRST_RESPONSE.toMillis())},
                    new String[] {"RESOLUTION", Long.toString(RESOLUTION.toMillis())})) {
                String target = metric[1] + " * interval '1 millisecond'";
                sql.execute("INSERT INTO clock (ticket_id, metric, severity, state, target_ms, started_at, due_at, "
                        + "paused_for_ms, fired_thresholds, next_timer_at, next_timer_percent) "
                        + "SELECT ticket_id, '" + metric[0] + "', 'S3', 'RUNNING', " + metric[1] + ", opened_at, opened_at + " + target
                        + ", 0, '[]', opened_at + 0.75 * " + target + ", 75 FROM seed");
                sql.execute("INSERT INTO outbox (event_id, topic, record_key, event_type, payload, created_at, published_at) "
                        + "SELECT gen_random_uuid()::text, 'helpdesk.sla.v1', ticket_id, 'helpdesk.sla.clock-started.v1', "
                        + "jsonb_build_object('specversion', '1.0', 'id', gen_random_uuid(), 'type', 'helpdesk.sla.clock-started.v1', "
                        + "'source', '/sla-service', 'subject', ticket_id, 'time', opened_at, 'datacontenttype', 'application/json', "
                        + "'aggregatetype', 'SlaClock', 'sequence', " + ("FIRST_RESPONSE".equals(metric[0]) ? 0 : 1)
                        + ", 'position', null, 'actor', 'system', 'correlationid', null, 'data', jsonb_build_object("
                        + "'ticketId', ticket_id, 'organizationId', 'bench-org-' || (n % 1000), 'metric', '" + metric[0]
                        + "', 'severity', 'S3', 'policyId', 'dedicated', 'startedAt', opened_at, 'dueAt', opened_at + " + target
                        + "))::text, opened_at, opened_at FROM seed ORDER BY n");
            }
            // the two clock-started events are positions 0 and 1 of each ticket's stream
            sql.execute("INSERT INTO outbox_stream (stream_key, next_sequence) SELECT ticket_id, 2 FROM seed");
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        try (Statement sql = db.createStatement()) {
            sql.execute("VACUUM ANALYZE ticket");
            sql.execute("VACUUM ANALYZE clock");
            sql.execute("VACUUM ANALYZE outbox");
        }
    }

    /**
     * Makes the 75 % first-response warning of the seeded tickets {@code ids} due at {@code dueAt}, as if they had
     * been opened 9 hours before: the tickets and both clocks are rewritten consistently.
     */
    void dueAt(List<String> ids, Instant dueAt) throws SQLException {
        Timestamp opened = Timestamp.from(dueAt.minus(FIRST_RESPONSE.multipliedBy(3).dividedBy(4)));
        db.setAutoCommit(false);
        try (PreparedStatement ticket = db.prepareStatement("UPDATE ticket SET opened_at = ? WHERE ticket_id = ANY (?)");
             PreparedStatement clock = db.prepareStatement("UPDATE clock SET started_at = ?::timestamptz, "
                     + "due_at = ?::timestamptz + target_ms * interval '1 millisecond', "
                     + "next_timer_at = ?::timestamptz + 0.75 * target_ms * interval '1 millisecond' WHERE ticket_id = ANY (?)")) {
            java.sql.Array array = db.createArrayOf("text", ids.toArray());
            ticket.setTimestamp(1, opened);
            ticket.setArray(2, array);
            if (ticket.executeUpdate() != ids.size()) {
                throw new IllegalStateException("batch tickets are missing from the seed");
            }
            clock.setTimestamp(1, opened);
            clock.setTimestamp(2, opened);
            clock.setTimestamp(3, opened);
            clock.setArray(4, array);
            clock.executeUpdate();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
    }
}
