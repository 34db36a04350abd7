package dev.helpdesk.sla.ticket;

import dev.helpdesk.sla.clock.ClockState;
import dev.helpdesk.sla.clock.ExemptionReason;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The {@code clock_exemption} table: support's exemptions, this service's own commands. It lies outside the tables a
 * replay rebuilds, so a replay of the ticket history reads it and applies each exemption again where it happened.
 */
@Repository
public class Exemptions {

    private final JdbcTemplate jdbc;

    public Exemptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One exemption of the clock of {@code metric} that started at {@code clockStartedAt}. */
    public record Exemption(String ticketId, Metric metric, Instant clockStartedAt, ExemptionReason reason,
                            String note, String exemptedBy, Instant exemptedAt) {
    }

    public void record(Exemption exemption) {
        jdbc.update("INSERT INTO clock_exemption (ticket_id, metric, clock_started_at, reason, note, exempted_by, "
                        + "exempted_at) VALUES (?, ?, ?, ?, ?, ?, ?)", exemption.ticketId(), exemption.metric().name(),
                Timestamp.from(exemption.clockStartedAt()), exemption.reason().name(), exemption.note(),
                exemption.exemptedBy(), Timestamp.from(exemption.exemptedAt()));
    }

    /** A ticket's exemptions, in the order they were made. */
    public List<Exemption> of(String ticketId) {
        return jdbc.query("SELECT * FROM clock_exemption WHERE ticket_id = ? ORDER BY exempted_at", this::map, ticketId);
    }

    /** The exemption of one clock, if it was exempted. */
    public Optional<Exemption> of(SlaClock clock) {
        return jdbc.query("SELECT * FROM clock_exemption WHERE ticket_id = ? AND metric = ? AND clock_started_at = ?",
                this::map, clock.ticketId(), clock.metric().name(), Timestamp.from(clock.startedAt())).stream().findFirst();
    }

    /** The exemptions of the tickets, by ticket, each ticket's in the order they were made (one statement). */
    public Map<String, List<Exemption>> pendingFor(Collection<String> ticketIds) {
        Map<String, List<Exemption>> byTicket = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM clock_exemption WHERE ticket_id = ANY (?) ORDER BY ticket_id, exempted_at",
                (RowCallbackHandler) row -> byTicket.computeIfAbsent(row.getString("ticket_id"), id -> new ArrayList<>())
                        .add(map(row, 0)), (Object) ticketIds.toArray(new String[0]));
        return byTicket;
    }

    /** Every exemption made at or before {@code upTo}, by ticket (a replay's catch-up at its switch). */
    public Map<String, List<Exemption>> allUpTo(Instant upTo) {
        Map<String, List<Exemption>> byTicket = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM clock_exemption WHERE exempted_at <= ? ORDER BY ticket_id, exempted_at",
                (RowCallbackHandler) row -> byTicket.computeIfAbsent(row.getString("ticket_id"), id -> new ArrayList<>())
                        .add(map(row, 0)), Timestamp.from(upTo));
        return byTicket;
    }

    /**
     * Applies the exemptions made at or before {@code upTo} to the clocks they name (same metric, same start) that
     * are not exempted yet and may be; others are left (a clock met in the meantime, an earlier next reply).
     */
    static void applyUpTo(List<Exemption> exemptions, TicketClocks clocks, Instant upTo) {
        for (Exemption exemption : exemptions) {
            SlaClock clock = clocks.get(exemption.metric());
            if (exemption.exemptedAt().isAfter(upTo) || clock == null || clock.state() == ClockState.EXEMPTED
                    || !clock.startedAt().equals(exemption.clockStartedAt())) {
                continue;
            }
            clocks.change(exemption.metric(), current -> current.exempt(exemption.exemptedAt(), exemption.reason(),
                    exemption.note(), exemption.exemptedBy(), clocks.calendar()));
        }
    }

    private Exemption map(ResultSet row, int index) throws SQLException {
        return new Exemption(row.getString("ticket_id"), Metric.valueOf(row.getString("metric")),
                row.getTimestamp("clock_started_at").toInstant(), ExemptionReason.valueOf(row.getString("reason")),
                row.getString("note"), row.getString("exempted_by"), row.getTimestamp("exempted_at").toInstant());
    }
}
