package dev.helpdesk.tickets.ticket.autoclose;

import dev.helpdesk.tickets.config.AxonConfig;
import dev.helpdesk.tickets.ticket.command.CloseResolvedTicketCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Fires due auto-close timers: each in a transaction of its own that locks the timer row ({@code FOR UPDATE SKIP
 * LOCKED}: several instances fire each timer once), sends {@link CloseResolvedTicketCommand} (its events and the
 * timer's removal commit together, the command's unit of work joining the transaction) and removes the row. A timer
 * whose command fails is put back by {@link #RETRY_AFTER_SECONDS} and logged, never retried in a tight loop.
 */
@Component
public class AutoCloseTimers {

    static final int BATCH = 50;
    static final long RETRY_AFTER_SECONDS = 300;
    private static final Logger log = LoggerFactory.getLogger(AutoCloseTimers.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CommandGateway commands;
    private final AutoCloseProperties properties;
    private final Clock clock;

    AutoCloseTimers(JdbcTemplate jdbc, TransactionTemplate transactions, CommandGateway commands,
                    AutoCloseProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    /** Fires every timer due now; answers when the earliest one left is due (null: none). */
    public Instant fireAllDue() {
        boolean more = true;
        while (more) {
            int fired = 0;
            while (fired < BATCH && fireOne()) {
                fired++;
            }
            more = fired == BATCH;
        }
        Timestamp next = jdbc.queryForObject("SELECT min(due_at) FROM auto_close_timer", Timestamp.class);
        return next == null ? null : next.toInstant();
    }

    /** Fires one due timer, if any; true when there was one. */
    private boolean fireOne() {
        Instant now = clock.instant();
        String[] fired = new String[1];
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                List<Map<String, Object>> due = jdbc.queryForList("""
                        SELECT ticket_id, resolved_at FROM auto_close_timer WHERE due_at <= ?
                        ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED""", Timestamp.from(now));
                if (due.isEmpty()) {
                    return false;
                }
                fired[0] = (String) due.get(0).get("ticket_id");
                Instant resolvedAt = ((Timestamp) due.get(0).get("resolved_at")).toInstant();
                commands.sendAndWait(new GenericCommandMessage<>(new CloseResolvedTicketCommand(fired[0], resolvedAt,
                        "Closed automatically: no reply from the customer within " + properties.businessDays()
                                + " business days of the resolution", now), MetaData.with(AxonConfig.ACTOR, "system")));
                jdbc.update("DELETE FROM auto_close_timer WHERE ticket_id = ? AND resolved_at = ?", fired[0],
                        Timestamp.from(resolvedAt));
                return true;
            }));
        } catch (RuntimeException e) {
            if (fired[0] == null) {
                throw e;
            }
            // The transaction rolled back (and let the row go): put the timer back in one of its own.
            log.warn("auto-close of ticket {} failed; trying again in {} s: {}", fired[0], RETRY_AFTER_SECONDS, e.toString());
            transactions.executeWithoutResult(status -> jdbc.update("UPDATE auto_close_timer SET due_at = ? WHERE ticket_id = ?",
                    Timestamp.from(now.plusSeconds(RETRY_AFTER_SECONDS)), fired[0]));
            return true;
        }
    }
}
