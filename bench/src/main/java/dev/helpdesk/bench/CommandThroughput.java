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
 */
final class CommandThroughput {

    private static final String PAYLOAD = "{\"ticketId\":\"" + UUID.randomUUID() + "\",\"title\":\"Benchmark ticket\","
            + "\"description\":\"" + "x".repeat(400) + "\",\"severity\":\"S3\",\"type\":\"INCIDENT\"}";

    private final Stack stack;
    private final Portal portal;
    private final Duration measure;
    private final java.util.List<Connection> baselineConnections = new java.util.ArrayList<>();

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
        for (int clients : new int[] {1, 4, 16}) {
            LoadResult baseline = LoadRunner.run(clients, Duration.ofSeconds(3), measure, baselineInsert(clients));
            closeBaselineConnections();
            LoadResult system = LoadRunner.run(clients, Duration.ofSeconds(5), measure, commands(gateway, organization, clients), cpu);
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
                + "measurement, and how busy the machine's cores were.\n\n" + cpuTable(systemRuns);
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
