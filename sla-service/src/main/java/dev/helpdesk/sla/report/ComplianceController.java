package dev.helpdesk.sla.report;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Met and breached clocks per metric and severity of an organisation's tickets opened in a period
 * ({@code from} inclusive, {@code to} exclusive; dates are whole UTC days, {@code to} a date includes that day).
 */
@RestController
public class ComplianceController {

    private final JdbcTemplate jdbc;

    public ComplianceController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/sla/reports/compliance")
    public ComplianceReport report(@RequestParam String organizationId, @RequestParam String from,
                                   @RequestParam String to, Caller caller) {
        caller.requireReadable(organizationId, "Organisation " + organizationId);
        Instant start = instant(from, "from", false);
        Instant end = instant(to, "to", true);
        if (!end.isAfter(start)) {
            throw ProblemException.invalid("to", "must be after 'from'");
        }
        Timestamp since = Timestamp.from(start);
        Timestamp until = Timestamp.from(end);
        // first response and resolution: one row per clock; next replies: every next-reply clock of the ticket, each
        // as its history ends (the row holds the latest only), a clock being one start time of the metric
        List<ComplianceLine> lines = jdbc.query("""
                WITH clocks AS (
                    SELECT c.metric, c.severity, c.state
                    FROM clock c JOIN ticket t USING (ticket_id)
                    WHERE t.organization_id = ? AND t.opened_at >= ? AND t.opened_at < ? AND c.metric <> 'NEXT_REPLY'
                    UNION ALL
                    SELECT last.metric, last.severity, last.state FROM (
                        SELECT DISTINCT ON (s.ticket_id, s.started_at) s.metric, s.severity, s.state
                        FROM clock_segment s JOIN ticket t USING (ticket_id)
                        WHERE t.organization_id = ? AND t.opened_at >= ? AND t.opened_at < ?
                          AND s.metric = 'NEXT_REPLY'
                        ORDER BY s.ticket_id, s.started_at, s.at DESC, s.id DESC) last)
                SELECT metric, severity,
                       count(*) FILTER (WHERE state = 'MET') AS met,
                       count(*) FILTER (WHERE state = 'BREACHED') AS breached,
                       count(*) FILTER (WHERE state IN ('RUNNING', 'PAUSED')) AS open,
                       count(*) FILTER (WHERE state = 'EXEMPTED') AS exempted
                FROM clocks WHERE state <> 'NOT_APPLICABLE'
                GROUP BY metric, severity ORDER BY metric, severity""",
                (row, index) -> ComplianceLine.of(row.getString("metric"), row.getString("severity"),
                        row.getLong("met"), row.getLong("breached"), row.getLong("open"), row.getLong("exempted")),
                organizationId, since, until, organizationId, since, until);
        List<ExemptedClock> exempted = jdbc.query("""
                SELECT e.ticket_id, e.metric, c.severity, e.reason, e.note, e.exempted_by, e.exempted_at,
                       e.clock_started_at
                FROM clock_exemption e JOIN ticket t USING (ticket_id)
                LEFT JOIN LATERAL (SELECT s.severity FROM clock_segment s WHERE s.ticket_id = e.ticket_id
                    AND s.metric = e.metric AND s.started_at = e.clock_started_at AND s.kind = 'EXEMPTED'
                    ORDER BY s.at DESC, s.id DESC LIMIT 1) c ON true
                WHERE t.organization_id = ? AND t.opened_at >= ? AND t.opened_at < ?
                ORDER BY e.exempted_at, e.ticket_id, e.metric""",
                (row, index) -> new ExemptedClock(row.getString("ticket_id"), row.getString("metric"),
                        row.getString("severity"), row.getString("reason"), row.getString("note"),
                        row.getString("exempted_by"), row.getTimestamp("exempted_at").toInstant(),
                        row.getTimestamp("clock_started_at").toInstant()),
                organizationId, since, until);
        return new ComplianceReport(organizationId, start, end, lines, exempted);
    }

    /** One exempted clock: which, why, by whom and when ({@code severity} the clock's when it was exempted). */
    public record ExemptedClock(String ticketId, String metric, String severity, String reason, String note,
                                String exemptedBy, Instant exemptedAt, Instant clockStartedAt) {
    }

    static Instant instant(String text, String field, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "is not a date (yyyy-MM-dd) or an instant");
        }
    }

    /** {@code exemptions}: the exempted clocks, listed apart (the lines count them in {@code exempted}). */
    public record ComplianceReport(String organizationId, Instant from, Instant to, List<ComplianceLine> items,
                                   List<ExemptedClock> exemptions) {
    }

    /**
     * Counts per metric and severity; the percentages are of the decided clocks (met + breached): open and exempted
     * clocks are counted apart and left out of them.
     */
    public record ComplianceLine(String metric, String severity, long met, long breached, long open, long exempted,
                                 BigDecimal metPercent, BigDecimal breachedPercent) {

        static ComplianceLine of(String metric, String severity, long met, long breached, long open, long exempted) {
            long decided = met + breached;
            return new ComplianceLine(metric, severity, met, breached, open, exempted, percent(met, decided),
                    percent(breached, decided));
        }

        private static BigDecimal percent(long part, long whole) {
            return whole == 0 ? null
                    : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
        }
    }
}
