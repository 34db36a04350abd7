package dev.helpdesk.pipeline.replay;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The schema plumbing every {@link RebuildTarget} shares: a generation is built in a schema of its own
 * ({@code <prefix><generation>}) with tables created {@code LIKE} the served ones, the live path's code runs against it
 * with that schema first on the search path, and it is served by a {@link GenerationSwap} (or dropped). The domain of a
 * rebuild stays in the service's target.
 */
public final class GenerationSchemas {

    private final JdbcTemplate jdbc;
    private final String prefix;

    /** @param prefix the schemas' name prefix, lower case letters and underscores (e.g. {@code sla_rebuild_}) */
    public GenerationSchemas(JdbcTemplate jdbc, String prefix) {
        if (!prefix.matches("[a-z_]{1,20}")) {
            throw new IllegalArgumentException("not a schema prefix: " + prefix);
        }
        this.jdbc = jdbc;
        this.prefix = prefix;
    }

    /** The schema of a generation. */
    public String schema(String generation) {
        if (!generation.matches("[a-z0-9]{1,40}")) {
            throw new IllegalArgumentException("not a generation name: " + generation);
        }
        return prefix + generation;
    }

    /** The schema the served tables live in (the connection's current schema). */
    public String served() {
        return jdbc.queryForObject("SELECT current_schema()", String.class);
    }

    /**
     * Drops what earlier replays left (a generation of a dead instance), then creates the generation's schema with each
     * table {@code LIKE} the served one {@code INCLUDING ALL}, its indexes under the served indexes' names (so that
     * {@code ON CONFLICT ON CONSTRAINT} statements of the live path work in it), and the rows of {@code copied} tables.
     */
    public void create(String generation, List<String> tables, List<String> copied) {
        String served = served();
        jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE ?", String.class,
                prefix.replace("_", "\\_") + "%").forEach(old -> jdbc.execute("DROP SCHEMA " + old + " CASCADE"));
        String schema = schema(generation);
        jdbc.execute("CREATE SCHEMA " + schema);
        for (String table : tables) {
            jdbc.execute("CREATE TABLE " + schema + "." + table + " (LIKE " + served + "." + table + " INCLUDING ALL)");
            Map<String, String> servedNames = GenerationSwap.indexesByDefinition(jdbc, served, table);
            GenerationSwap.indexesByDefinition(jdbc, schema, table).forEach((definition, name) -> {
                String servedName = servedNames.get(definition);
                if (servedName != null && !servedName.equals(name)) {
                    jdbc.execute("ALTER INDEX " + schema + "." + name + " RENAME TO " + servedName);
                }
            });
        }
        for (String table : copied) {
            jdbc.execute("INSERT INTO " + schema + "." + table + " SELECT * FROM " + served + "." + table);
        }
    }

    /**
     * Runs {@code work} with the generation's schema first on the search path (set locally in the caller's
     * transaction), then puts the path back.
     */
    public <T> T inGeneration(String generation, Supplier<T> work) {
        String path = jdbc.queryForObject("SELECT current_setting('search_path')", String.class);
        jdbc.queryForObject("SELECT set_config('search_path', ?, true)", String.class,
                schema(generation) + ", " + served());
        try {
            return work.get();
        } finally {
            jdbc.queryForObject("SELECT set_config('search_path', ?, true)", String.class, path);
        }
    }

    /** Locks the served {@code tables} for the switch ({@link GenerationSwap#lockServed}). */
    public void lockServed(List<String> tables, Duration timeout) {
        String served = served();
        GenerationSwap.lockServed(jdbc, tables.stream().map(table -> served + "." + table).toList(), timeout);
    }

    /** Serves the generation's {@code tables} (referenced ones first) in place of the served ones and drops its schema. */
    public void serve(String generation, List<String> tables) {
        String schema = schema(generation);
        new GenerationSwap(jdbc, served(), schema, tables).run();
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
    }

    /** Drops the generation (cancelled or failed). */
    public void discard(String generation) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema(generation) + " CASCADE");
    }
}
