package dev.helpdesk.tickets.ticket.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generations of the ticket views. A replay builds a {@link Next} generation beside the served tables (tables of its
 * own, shaped like the served ones) and renames it into their place in one transaction; until then every reader is
 * served by the old generation, which the live projections keep writing. A next generation applies each event only
 * on top of its predecessor in its stream, so an event not yet committed when the replay passed it leaves its
 * ticket behind, never wrong: the replay rebuilds such a ticket from its whole stream before the switch.
 */
@Component
public class TicketViewGeneration {

    private static final Pattern INDEX = Pattern.compile("CREATE (UNIQUE )?INDEX \\S+ ON \\S+ (.*)");

    private final JdbcTemplate jdbc;

    TicketViewGeneration(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The next generation named {@code name} (letters and digits), not created yet. */
    public Next next(String name) {
        return new Next(ViewTables.next(name));
    }

    /**
     * Locks the served tables against readers and writers until the calling transaction ends, waiting at most
     * {@code timeout} for the lock (then fails, and nothing is locked). Writers never hold one of these tables while
     * waiting for another, so waiting statements go on once the switch commits, on the new tables.
     */
    public void lockServed(Duration timeout) {
        jdbc.execute("SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'");
        jdbc.execute("LOCK TABLE " + String.join(", ", ViewTables.SERVED.all()) + " IN ACCESS EXCLUSIVE MODE");
    }

    /** One next generation of the ticket views. */
    public final class Next {

        private final ViewTables tables;
        private final AnnotationEventHandlerAdapter projection;

        private Next(ViewTables tables) {
            this.tables = tables;
            this.projection = new AnnotationEventHandlerAdapter(new TicketProjection(jdbc, tables, true));
        }

        /**
         * Creates this generation's empty tables, shaped like the served ones (columns, defaults, constraints,
         * indexes), and drops those of any other next generation (left by a replay that failed or was abandoned).
         */
        public void prepare() {
            jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE ?",
                    String.class, ViewTables.NEXT_PATTERN).forEach(table -> jdbc.execute("DROP TABLE IF EXISTS " + table));
            for (int i = 0; i < ViewTables.SERVED.all().size(); i++) {
                jdbc.execute("CREATE TABLE " + tables.all().get(i) + " (LIKE " + ViewTables.SERVED.all().get(i)
                        + " INCLUDING ALL)");
            }
        }

        /** Applies events, in the order of the store. */
        public void apply(List<? extends DomainEventMessage<?>> events) throws Exception {
            for (DomainEventMessage<?> event : events) {
                projection.handle(event);
            }
        }

        /** Replaces one ticket by its whole stream, in sequence order. */
        public void rebuild(String ticketId, List<? extends DomainEventMessage<?>> stream) throws Exception {
            jdbc.update("DELETE FROM " + tables.comment() + " WHERE ticket_id = ?", ticketId);
            jdbc.update("DELETE FROM " + tables.attachment() + " WHERE ticket_id = ?", ticketId);
            jdbc.update("DELETE FROM " + tables.view() + " WHERE id = ?", ticketId);
            apply(stream);
        }

        /** Fresh planner statistics, taken before the generation is served. */
        public void analyze() {
            tables.all().forEach(table -> jdbc.execute("ANALYZE " + table));
        }

        /**
         * Serves this generation: in the caller's transaction, after {@link #lockServed}, the served tables are dropped
         * and this generation's take their names and their indexes' names.
         */
        public void switchOver() {
            for (int i = 0; i < ViewTables.SERVED.all().size(); i++) {
                String served = ViewTables.SERVED.all().get(i);
                String next = tables.all().get(i);
                Map<String, String> servedIndexes = indexesByDefinition(served);
                Map<String, String> nextIndexes = indexesByDefinition(next);
                jdbc.execute("DROP TABLE " + served);
                jdbc.execute("ALTER TABLE " + next + " RENAME TO " + served);
                nextIndexes.forEach((definition, name) -> {
                    String servedName = servedIndexes.get(definition);
                    if (servedName != null && !servedName.equals(name)) {
                        jdbc.execute("ALTER INDEX " + name + " RENAME TO " + servedName);
                    }
                });
            }
        }

        /** Drops this generation's tables (a replay that failed or was cancelled). */
        public void discard() {
            tables.all().forEach(table -> jdbc.execute("DROP TABLE IF EXISTS " + table));
        }
    }

    /** A table's indexes by their definition without index and table name. */
    private Map<String, String> indexesByDefinition(String table) {
        Map<String, String> indexes = new HashMap<>();
        jdbc.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?",
                rs -> {
                    Matcher definition = INDEX.matcher(rs.getString(2));
                    if (definition.matches()) {
                        indexes.put((definition.group(1) == null ? "" : definition.group(1)) + definition.group(2),
                                rs.getString(1));
                    }
                }, table);
        return indexes;
    }
}
