package dev.helpdesk.pipeline.replay;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a next generation built in a schema of its own: in the caller's transaction (the served tables locked), the
 * served tables are dropped and the generation's, created {@code LIKE} them, move into the served schema under the
 * same names; their indexes take the served indexes' names, and the foreign keys among the tables are made again.
 */
public final class GenerationSwap {

    private static final Pattern INDEX = Pattern.compile("CREATE (UNIQUE )?INDEX \\S+ ON \\S+ (.*)");

    private final JdbcTemplate jdbc;
    private final String served;
    private final String next;
    private final List<String> tables;

    /** @param tables the generation's tables, referenced ones first */
    public GenerationSwap(JdbcTemplate jdbc, String served, String next, List<String> tables) {
        this.jdbc = jdbc;
        this.served = served;
        this.next = next;
        this.tables = List.copyOf(tables);
    }

    /**
     * Locks the served tables exclusively for the calling transaction without ever waiting while holding one of them:
     * each attempt takes all of them {@code NOWAIT} in a savepoint and gives them all back if one is busy. Readers
     * and writers name the tables in their own order (a join locks its tables one by one), so a switch that waited on
     * one table while holding another could deadlock with them and make a reader fail. Busy for {@code timeout}: a
     * {@link CannotAcquireLockException}.
     */
    public static void lockServed(JdbcTemplate jdbc, List<String> qualifiedTables, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lock = "LOCK TABLE " + String.join(", ", qualifiedTables) + " IN ACCESS EXCLUSIVE MODE NOWAIT";
        while (true) {
            jdbc.execute("SAVEPOINT served_lock");
            try {
                jdbc.execute(lock);
                jdbc.execute("RELEASE SAVEPOINT served_lock");
                return;
            } catch (DataAccessException busy) {
                jdbc.execute("ROLLBACK TO SAVEPOINT served_lock");
                if (System.nanoTime() > deadline) {
                    throw new CannotAcquireLockException("the served tables stayed busy for " + timeout, busy);
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 25));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CannotAcquireLockException("interrupted while locking the served tables", e);
                }
            }
        }
    }

    public void run() {
        Map<String, Map<String, String>> servedIndexes = new HashMap<>();
        tables.forEach(table -> servedIndexes.put(table, indexesByDefinition(jdbc, served, table)));
        List<String[]> foreignKeys = foreignKeys();
        List<String> qualified = new ArrayList<>();
        tables.forEach(table -> qualified.add(served + "." + table));
        jdbc.execute("DROP TABLE " + String.join(", ", qualified));
        for (String table : tables) {
            jdbc.execute("ALTER TABLE " + next + "." + table + " SET SCHEMA " + served);
            indexesByDefinition(jdbc, served, table).forEach((definition, name) -> {
                String servedName = servedIndexes.get(table).get(definition);
                if (servedName != null && !servedName.equals(name)) {
                    jdbc.execute("ALTER INDEX " + served + "." + name + " RENAME TO " + servedName);
                }
            });
        }
        for (String[] key : foreignKeys) {
            jdbc.execute("ALTER TABLE " + served + "." + key[0] + " ADD CONSTRAINT " + key[1] + " " + key[2]);
        }
    }

    /** The foreign keys among the generation's tables: table, name, definition. */
    private List<String[]> foreignKeys() {
        List<String[]> keys = new ArrayList<>();
        jdbc.query("""
                SELECT c.relname, k.conname, pg_get_constraintdef(k.oid)
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_class r ON r.oid = k.confrelid
                WHERE k.contype = 'f' AND n.nspname = ? AND c.relname = ANY (?) AND r.relname = ANY (?)""",
                rs -> {
                    keys.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }, served, tables.toArray(String[]::new), tables.toArray(String[]::new));
        return keys;
    }

    /** A table's indexes by their definition without index and table name. */
    static Map<String, String> indexesByDefinition(JdbcTemplate jdbc, String schema, String table) {
        Map<String, String> indexes = new HashMap<>();
        jdbc.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ?", rs -> {
            Matcher definition = INDEX.matcher(rs.getString(2));
            if (definition.matches()) {
                indexes.put((definition.group(1) == null ? "" : definition.group(1)) + definition.group(2),
                        rs.getString(1));
            }
        }, schema, table);
        return indexes;
    }
}
