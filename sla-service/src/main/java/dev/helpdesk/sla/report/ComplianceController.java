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
        List<ComplianceLine> lines = jdbc.query("""
                SELECT c.metric, c.severity,
                       count(*) FILTER (WHERE c.state = 'MET') AS met,
                       count(*) FILTER (WHERE c.state = 'BREACHED') AS breached,
                       count(*) FILTER (WHERE c.state IN ('RUNNING', 'PAUSED')) AS open
                FROM clock c JOIN ticket t USING (ticket_id)
                WHERE t.organization_id = ? AND t.opened_at >= ? AND t.opened_at < ? AND c.state <> 'NOT_APPLICABLE'
                GROUP BY c.metric, c.severity ORDER BY c.metric, c.severity""",
                (row, index) -> ComplianceLine.of(row.getString("metric"), row.getString("severity"),
                        row.getLong("met"), row.getLong("breached"), row.getLong("open")),
                organizationId, Timestamp.from(start), Timestamp.from(end));
        return new ComplianceReport(organizationId, start, end, lines);
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

    public record ComplianceReport(String organizationId, Instant from, Instant to, List<ComplianceLine> items) {
    }

    public record ComplianceLine(String metric, String severity, long met, long breached, long open,
                                 BigDecimal metPercent, BigDecimal breachedPercent) {

        static ComplianceLine of(String metric, String severity, long met, long breached, long open) {
            long decided = met + breached;
            return new ComplianceLine(metric, severity, met, breached, open, percent(met, decided), percent(breached, decided));
        }

        private static BigDecimal percent(long part, long whole) {
            return whole == 0 ? null
                    : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
        }
    }
}
