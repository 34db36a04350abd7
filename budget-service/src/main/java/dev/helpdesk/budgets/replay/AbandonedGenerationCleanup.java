package dev.helpdesk.budgets.replay;

import dev.helpdesk.budgets.projection.Generations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** At start, frees the rows of generations no one serves or builds any more, and closes rebuilds left running. */
@Component
public class AbandonedGenerationCleanup {

    private static final Logger log = LoggerFactory.getLogger(AbandonedGenerationCleanup.class);

    private final Generations generations;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public AbandonedGenerationCleanup(Generations generations, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.generations = generations;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void cleanUp() {
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.update("""
                        update replay set state = 'FAILED', error = 'abandoned: its instance stopped reporting',
                            finished_at = now() where state in ('RUNNING', 'SWITCHING') and updated_at <= ?""",
                        java.sql.Timestamp.from(java.time.Instant.now().minus(ReplayRecords.ABANDONED_AFTER)));
                generations.discardAbandoned(ReplayRecords.ABANDONED_AFTER);
            });
        } catch (RuntimeException e) {
            log.warn("Could not clean up abandoned projection generations: {}", e.toString());
        }
    }
}
