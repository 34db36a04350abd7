package dev.helpdesk.budgets.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which generation of the projection is served and written by the live consumer. Live writers hold a share lock
 * on it for their transaction; a rebuild's switch takes the exclusive lock, so no live write straddles a switch.
 */
@Component
public class Generations {

    public static final String PROJECTION = "budgets";
    private final JdbcTemplate jdbc;

    public Generations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public int active() {
        return jdbc.queryForObject("select active from projection_generation where projection = ?", Integer.class, PROJECTION);
    }

    /** The active generation, locked against a switch until the calling transaction ends. */
    public int activeForWriting() {
        return jdbc.queryForObject("select active from projection_generation where projection = ? for share",
                Integer.class, PROJECTION);
    }

    /** The active generation, locked exclusively: live writers wait until the calling transaction ends. */
    public int activeForSwitching() {
        return jdbc.queryForObject("select active from projection_generation where projection = ? for update",
                Integer.class, PROJECTION);
    }

    public int next() {
        return jdbc.queryForObject("select nextval('generation_seq')", Integer.class);
    }

    public void activate(int generation) {
        jdbc.update("update projection_generation set active = ? where projection = ?", generation, PROJECTION);
    }

    /**
     * Removes rows of generations that are neither served nor being built: left by a rebuild whose instance died,
     * or by an instance that died between a switch and its clean-up.
     */
    public void discardAbandoned(java.time.Duration rebuildSilentFor) {
        java.sql.Timestamp silentSince = java.sql.Timestamp.from(java.time.Instant.now().minus(rebuildSilentFor));
        for (String table : new String[]{"organization_budget", "support_period", "budget_purchase", "ledger_line", "terms_change",
                "consumption_total", "processed_event"}) {
            jdbc.update("delete from " + table
                            + " where generation <> (select active from projection_generation where projection = ?)"
                            + " and generation not in (select generation from replay"
                            + " where state in ('RUNNING', 'SWITCHING') and updated_at > ?)",
                    PROJECTION, silentSince);
        }
    }

    /** Removes a generation's rows (an abandoned rebuild, or the one replaced by a switch). */
    public void discard(int generation) {
        for (String table : new String[]{"organization_budget", "support_period", "budget_purchase", "ledger_line", "terms_change",
                "consumption_total", "processed_event"}) {
            jdbc.update("delete from " + table + " where generation = ?", generation);
        }
    }
}
