package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark 1: commands (open a ticket, comment on it) through the gateway at 1, 4 and 16 clients, against the
 * baseline of single-row inserts of an event-sized row into the same PostgreSQL with plain JDBC at the same
 * concurrency. Each command stores one event, so commands/s is events/s. Goal: ratio at least 0.6.
 * {@code BENCH_CLIENTS} (default {@code 1,4,16}) chooses the levels; with {@code BENCH_JFR=<dir>} every service's JVM
 * records with Flight Recorder ({@code settings=profile}) from its start, one file per process id (see {@link Bench}).
 * With {@code HELPDESK_DB_PRELOAD_LIBRARIES=pg_stat_statements} the report adds, for the last level, PostgreSQL's
 * statements and execution time per command by database and each database's costliest statements.
 */
final class CommandThroughput {

    private static final String PAYLOAD = "{\"ticketId\":\"" + UUID.randomUUID() + "\",\"title\":\"Benchmark ticket\","
            + "\"description\":\"" + "x".repeat(400) + "\",\"severity\":\"S3\",\"type\":\"INCIDENT\"}";

    private final Stack stack;
    private final Portal portal;
    private final Duration measure;
    private final java.util.List<Connection> baselineConnections = new java.util.ArrayList<>();
    private String statementReport = "";

    CommandThroughput(Stack stack, Portal portal, Duration measure) {
        this.stack = stack;
        this.portal = portal;
        this.measure = measure;
    }

    String run() throws Exception {
        String gateway = stack.gatewayUrl();
        String[] organization = portal.organizationWithContact(gateway);
        createBaselineTable();
        ProcessCpu cpu = new ProcessCpu(stack);
        // The services' JIT compilers are still busy for minutes after start; measured levels should not pay for it.
        LoadRunner.WarmUp warmUp = LoadRunner.warmUp(4, commands(gateway, organization, 4), cpu);
        StringBuilder table = new StringBuilder(warmUp.describe() + ".\n\n" + """
                | clients | commands/s (events/s) | p50 ms | p99 ms | failures | JDBC inserts/s | p50 ms | p99 ms | ratio |
                |---|---|---|---|---|---|---|---|---|
                """);
        Map<Integer, LoadResult> systemRuns = new LinkedHashMap<>();
        int[] levels = java.util.Arrays.stream(System.getenv().getOrDefault("BENCH_CLIENTS", "1,4,16").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();
        for (int clients : levels) {
            LoadResult baseline = LoadRunner.run(clients, Duration.ofSeconds(3), measure, baselineInsert(clients));
            closeBaselineConnections();
            boolean statements = clients == levels[levels.length - 1] && System.getenv()
                    .getOrDefault("HELPDESK_DB_PRELOAD_LIBRARIES", "").contains("pg_stat_statements");
            if (statements) {
                sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                sql("SELECT pg_stat_statements_reset()");
            }
            LoadResult system = LoadRunner.run(clients, Duration.ofSeconds(5), measure, commands(gateway, organization, clients), cpu);
            if (statements) {
                // the counts include the 5 s ramp-up: its commands are estimated at the measured rate
                statementReport = statementsPerCommand(system.perSecond() * (system.wallTime().toNanos() / 1e9 + 5));
            }
            systemRuns.put(clients, system);
            table.append("| ").append(clients)
                    .append(" | ").append(Bench.f(system.perSecond()))
                    .append(" | ").append(Bench.f(system.percentileMillis(50)))
                    .append(" | ").append(Bench.f(system.percentileMillis(99)))
                    .append(" | ").append(system.failures())
                    .append(" | ").append(Bench.f(baseline.perSecond()))
                    .append(" | ").append(Bench.f(baseline.percentileMillis(50)))
                    .append(" | ").append(Bench.f(baseline.percentileMillis(99)))
                    .append(" | ").append(Bench.f2(system.perSecond() / baseline.perSecond()))
                    .append(" |\n");
        }
        return table + "\nWhere the CPU goes: milliseconds of CPU (user + system) each process spent per command during the "
                + "measurement, and how busy the machine's cores were.\n\n" + cpuTable(systemRuns) + statementReport
                + (System.getenv("BENCH_JFR") == null ? "" : "\nFlight recordings (hotspot-pid-<pid>-*.jfr in "
                + System.getenv("BENCH_JFR") + "), process ids: " + stack.pids() + "\n");
    }

    /** Alternately opens a ticket and comments on it, one ticket per client. */
    private LoadRunner.Operation commands(String gateway, String[] organization, int clients) {
        String[] current = new String[clients];
        long[] counter = new long[clients];
        return client -> {
            if (counter[client]++ % 2 == 0) {
                current[client] = portal.openTicket(gateway, organization[1], organization[0]);
            } else {
                portal.comment(gateway, current[client]);
            }
        };
    }

    private static String cpuTable(Map<Integer, LoadResult> runs) {
        StringBuilder table = new StringBuilder("| process |");
        runs.keySet().forEach(clients -> table.append(" ").append(clients).append(clients == 1 ? " client" : " clients").append(" |"));
        table.append("\n|---|").append("---|".repeat(runs.size())).append("\n");
        for (String process : runs.values().iterator().next().cpuMillis().keySet()) {
            table.append("| ").append(process).append(" |");
            runs.values().forEach(run -> table.append(" ").append(Bench.f(run.cpuMillisPerOperation(process))).append(" |"));
            table.append("\n");
        }
        table.append("| **all, CPU ms per command** |");
        runs.values().forEach(run -> table.append(" **").append(Bench.f(run.cpuMillisPerOperation())).append("** |"));
        table.append("\n| of which JIT compiler threads |");
        runs.values().forEach(run -> table.append(" ").append(Bench.f2(run.jitMillisPerOperation())).append(" |"));
        table.append("\n| cores busy |");
        runs.values().forEach(run -> table.append(" ").append(run.coresBusyPercent()).append(" % |"));
        return table.append("\n").toString();
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("postgres"), "postgres", "postgres");
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    /**
     * PostgreSQL's statements (every call, BEGIN and COMMIT included) and execution time per measured command by
     * database of the stack (the benchmark's own, postgres, left out), the five costliest statements of each and its
     * (up to 15) most frequent ones, since the reset before the last level (ramp-up included, its commands estimated at the measured rate).
     */
    private String statementsPerCommand(double commands) throws Exception {
        StringBuilder report = new StringBuilder("\nPostgreSQL per command (pg_stat_statements, last level):\n\n| database | statements | execution ms |\n|---|---|---|\n");
        StringBuilder top = new StringBuilder("\nCostliest statements (execution ms per command, calls per command):\n\n");
        StringBuilder frequent = new StringBuilder("\nMost frequent statements, at least 0.05 per command (calls and execution ms per command):\n\n");
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("postgres"), "postgres", "postgres");
             Statement sql = connection.createStatement()) {
            try (java.sql.ResultSet rows = sql.executeQuery("SELECT d.datname, sum(s.calls), sum(s.total_exec_time) "
                    + "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname <> 'postgres' "
                    + "GROUP BY d.datname ORDER BY 3 DESC")) {
                while (rows.next()) {
                    report.append("| ").append(rows.getString(1)).append(" | ").append(Bench.f(rows.getLong(2) / commands))
                            .append(" | ").append(Bench.f2(rows.getDouble(3) / commands)).append(" |\n");
                }
            }
            try (java.sql.ResultSet rows = sql.executeQuery("SELECT datname, total, calls, statement FROM (SELECT d.datname, "
                    + "s.total_exec_time AS total, s.calls, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140) AS statement, "
                    + "row_number() OVER (PARTITION BY d.datname ORDER BY s.total_exec_time DESC) AS rank "
                    + "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname <> 'postgres' "
                    + "AND s.calls > 0) ranked WHERE rank <= 5 "
                    + "ORDER BY datname, total DESC")) {
                while (rows.next()) {
                    top.append("- ").append(rows.getString(1)).append(": ").append(Bench.f2(rows.getDouble(2) / commands))
                            .append(" ms, ").append(Bench.f2(rows.getLong(3) / commands)).append(" x `")
                            .append(rows.getString(4).replace("`", "'")).append("`\n");
                }
            }
            try (java.sql.ResultSet rows = sql.executeQuery("SELECT datname, calls, total, statement FROM (SELECT d.datname, "
                    + "s.total_exec_time AS total, s.calls, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140) AS statement, "
                    + "row_number() OVER (PARTITION BY d.datname ORDER BY s.calls DESC) AS rank "
                    + "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname <> 'postgres' "
                    + "AND s.calls > 0) ranked WHERE rank <= 15 AND calls >= " + (commands / 20) + " "
                    + "ORDER BY datname, calls DESC")) {
                while (rows.next()) {
                    frequent.append("- ").append(rows.getString(1)).append(": ").append(Bench.f2(rows.getLong(2) / commands))
                            .append(" x, ").append(Bench.f2(rows.getDouble(3) / commands)).append(" ms `")
                            .append(rows.getString(4).replace("`", "'")).append("`\n");
                }
            }
        }
        return report + top.toString() + frequent;
    }

    private void createBaselineTable() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("postgres"), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_event");
            statement.execute("CREATE TABLE bench_event (global_index bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, "
                    + "aggregate_id text NOT NULL, sequence_number bigint NOT NULL, type text NOT NULL, "
                    + "payload bytea NOT NULL, time_stamp timestamptz NOT NULL DEFAULT now(), UNIQUE (aggregate_id, sequence_number))");
        }
    }

    private void closeBaselineConnections() throws java.sql.SQLException {
        for (Connection connection : baselineConnections) {
            connection.close();
        }
        baselineConnections.clear();
    }

    private LoadRunner.Operation baselineInsert(int clients) throws Exception {
        Connection[] connections = new Connection[clients];
        PreparedStatement[] inserts = new PreparedStatement[clients];
        long[] sequence = new long[clients];
        String[] aggregate = new String[clients];
        for (int i = 0; i < clients; i++) {
            connections[i] = DriverManager.getConnection(stack.jdbcUrl("postgres"), "postgres", "postgres");
            baselineConnections.add(connections[i]);
            inserts[i] = connections[i].prepareStatement("INSERT INTO bench_event (event_id, aggregate_id, sequence_number, "
                    + "type, payload) VALUES (?, ?, ?, ?, ?)");
            aggregate[i] = UUID.randomUUID().toString();
        }
        byte[] payload = PAYLOAD.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return client -> {
            PreparedStatement insert = inserts[client];
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, aggregate[client]);
            insert.setLong(3, sequence[client]++);
            insert.setString(4, "helpdesk.ticket.comment-added.v1");
            insert.setBytes(5, payload);
            insert.executeUpdate();
        };
    }
}
