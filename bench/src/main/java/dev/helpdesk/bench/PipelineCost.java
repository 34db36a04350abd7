package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 7 (issue 14): what the event pipeline costs in PostgreSQL statements and CPU, measured against one stack
 * (one build). Phases: warm-up traffic; wait until the JIT compilers are quiet; <b>idle</b> (nothing driven, a fixed
 * window: statements/s per database from pg_stat_statements, CPU per process); <b>mixed</b> (a fixed mix of commands
 * at a moderate rate, then wait until every consumer group has caught up: statements and CPU per consumed ticket
 * event for each consuming service); <b>opens</b> (only tickets opened: sla-service statements and CPU per opened
 * ticket, one at a time); <b>backlog</b> (the same, opened while the sla-service is frozen, measured from its release:
 * per opened ticket when a poll holds many). Statements are raw and idle-corrected (minus the idle rate times the
 * phase's duration).
 */
final class PipelineCost {

    /** Databases and the service that owns each, in report order. */
    static final Map<String, String> DATABASES = new LinkedHashMap<>();
    /** Consumer group of each consuming service (the services' defaults). */
    static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        DATABASES.put("sla", "sla-service");
        DATABASES.put("escalations", "escalation-service");
        DATABASES.put("budgets", "budget-service");
        DATABASES.put("tickets", "ticket-service");
        GROUPS.put("sla-service", "sla-service");
        GROUPS.put("escalation-service", "escalation-service");
        GROUPS.put("budget-service", "budget-service");
        GROUPS.put("ticket-service", "ticket-service");
    }

    private static final Duration QUIET_SLICE = Duration.ofSeconds(10);
    private static final Duration QUIET_MAX = Duration.ofSeconds(150);
    private static final Duration CATCH_UP_MAX = Duration.ofSeconds(180);

    private final Stack stack;
    private final Portal portal;
    private final ProcessCpu cpu;
    private final int idleSeconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_IDLE_SECONDS", "30"));
    private final int mixTickets = Integer.parseInt(System.getenv().getOrDefault("BENCH_PIPELINE_TICKETS", "60"));
    private final int openTickets = Integer.parseInt(System.getenv().getOrDefault("BENCH_PIPELINE_OPENS", "100"));
    /** Tickets opened while the sla-service is frozen (backlog phase); at the paced rate, well within a session timeout. */
    private final int backlogTickets = Integer.parseInt(System.getenv().getOrDefault("BENCH_PIPELINE_BACKLOG", "100"));
    private final int warmUpTickets = Integer.parseInt(System.getenv().getOrDefault("BENCH_PIPELINE_WARM_UP_TICKETS", "120"));
    /** Commands per second the driver aims at (one client, paced). */
    private final double rate = Double.parseDouble(System.getenv().getOrDefault("BENCH_PIPELINE_RATE", "10"));

    PipelineCost(Stack stack, Portal portal) {
        this.stack = stack;
        this.portal = portal;
        this.cpu = new ProcessCpu(stack);
    }

    /** What one phase measured. */
    record Phase(String name, double seconds, Map<String, Long> statements, Map<String, Double> cpuMillis, double jitMillis,
                 Map<String, Double> jitByProcess, long ticketEvents, long ticketsOpened, long commands, Map<String, Long> consumed, boolean caughtUp,
                 double catchUpSeconds, Map<String, List<String>> topStatements, double[] load) {

        long statements(String database) {
            return statements.getOrDefault(database, 0L);
        }

        /** A process's CPU without its JIT compiler threads: the work itself once the code is compiled. */
        double workCpu(String process) {
            return cpuMillis.getOrDefault(process, 0.0) - jitByProcess.getOrDefault(process, 0.0);
        }
    }

    /** All phases of one build. */
    record Result(String label, String warmUp, Phase idle, Phase mixed, Phase opens, Phase backlog) {

        double idleRate(String database) {
            return idle.statements(database) / idle.seconds();
        }

        double idleCpuRate(String process) {
            return idle.cpuMillis().getOrDefault(process, 0.0) / idle.seconds();
        }

        /** Statements in the phase minus what the idle stack would have run in the same time. */
        double corrected(Phase phase, String database) {
            return Math.max(0, phase.statements(database) - idleRate(database) * phase.seconds());
        }

        double correctedCpu(Phase phase, String process) {
            return Math.max(0, phase.cpuMillis().getOrDefault(process, 0.0) - idleCpuRate(process) * phase.seconds());
        }

        /** {@link #correctedCpu} without the JIT compiler threads, in the phase and in the idle rate. */
        double correctedWorkCpu(Phase phase, String process) {
            return Math.max(0, phase.workCpu(process) - idle.workCpu(process) / idle.seconds() * phase.seconds());
        }
    }

    Result run(String label) throws Exception {
        String gateway = stack.gatewayUrl();
        String[] organization = portal.organizationWithContact(gateway);
        try (Connection postgres = DriverManager.getConnection(stack.jdbcUrl("postgres"), "postgres", "postgres");
             Connection tickets = DriverManager.getConnection(stack.jdbcUrl("tickets"), "postgres", "postgres");
             Admin kafka = Admin.create(adminProperties())) {
            try (Statement sql = postgres.createStatement()) {
                sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            // Warm-up: the same mix and the same opens, so that the measured phases do not pay for loading classes and
            // first compilations (30 tickets were too few: the C2 compilers still used half of the sla-service's CPU
            // after 1,300 opened tickets).
            long warmStarted = System.nanoTime();
            drive(gateway, organization, warmUpTickets, true);
            drive(gateway, organization, warmUpTickets, false);
            awaitCaughtUp(kafka, tickets);
            String quiet = awaitJitQuiet();
            String warmUp = "warm-up " + Math.round((System.nanoTime() - warmStarted) / 1e9) + " s (" + warmUpTickets
                    + " tickets of the mix and " + warmUpTickets + " opened, caught up, then idle until quiet: " + quiet + ")";
            System.out.println("[pipeline] " + label + ": " + warmUp);

            Phase idle = measure("idle", postgres, tickets, kafka, () -> {
                Thread.sleep(idleSeconds * 1000L);
                return new long[] {0, 0};
            }, false);
            System.out.println("[pipeline] " + label + ": idle " + idle.statements());
            Phase mixed = measure("mixed", postgres, tickets, kafka, () -> drive(gateway, organization, mixTickets, true), true);
            System.out.println("[pipeline] " + label + ": mixed " + mixed.statements() + " events " + mixed.ticketEvents());
            Phase opens = measure("opens", postgres, tickets, kafka, () -> drive(gateway, organization, openTickets, false), true);
            System.out.println("[pipeline] " + label + ": opens " + opens.statements() + " events " + opens.ticketEvents());
            Phase backlog = backlog(postgres, tickets, kafka, gateway, organization);
            System.out.println("[pipeline] " + label + ": backlog " + backlog.statements());
            return new Result(label, warmUp, idle, mixed, opens, backlog);
        }
    }

    /**
     * The same opened tickets as a backlog: the sla-service's JVM is frozen ({@code SIGSTOP}) while {@link
     * #backlogTickets} are opened at the paced rate, then let go ({@code SIGCONT}); the phase measured is its catching
     * up (its CPU and its database's statements are nil while it is frozen), as after a deploy or in a burst, when a
     * poll holds many events.
     */
    private Phase backlog(Connection postgres, Connection tickets, Admin kafka, String gateway, String[] organization)
            throws Exception {
        long sla = stack.pids().get("sla-service");
        signal("STOP", sla);
        try {
            long[] done = drive(gateway, organization, backlogTickets, false);
            // measured from the release on (the counters are taken before it); the ticket events were appended
            // before the phase, so its figures are per opened ticket, not per event
            return measure("backlog", postgres, tickets, kafka, () -> {
                signal("CONT", sla);
                return done;
            }, true);
        } finally {
            signal("CONT", sla); // again, if anything failed before the release; harmless after it
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    interface Work {
        /** Returns {commands, tickets opened}. */
        long[] run() throws Exception;
    }

    private Phase measure(String name, Connection postgres, Connection tickets, Admin kafka, Work work, boolean catchUp)
            throws Exception {
        Map<String, Long> committedBefore = committed(kafka);
        long eventsBefore = lastEvent(tickets);
        double[] loadBefore = loadAndMachineTicks();
        resetStatements(postgres);
        Map<String, Double> cpuBefore = cpu.snapshot();
        double jitBefore = cpu.jitSnapshot();
        Map<String, Double> jitByProcessBefore = cpu.jitByProcess();
        long started = System.nanoTime();
        long[] done = work.run();
        double catchUpSeconds = 0;
        boolean caughtUp = true;
        if (catchUp) {
            long waitStarted = System.nanoTime();
            caughtUp = awaitCaughtUp(kafka, tickets);
            catchUpSeconds = (System.nanoTime() - waitStarted) / 1e9;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> cpuUsed = ProcessCpu.between(cpuBefore, cpu.snapshot());
        double jitUsed = cpu.jitSnapshot() - jitBefore;
        Map<String, Double> jitByProcess = ProcessCpu.between(jitByProcessBefore, cpu.jitByProcess());
        Map<String, Long> statements = statements(postgres);
        Map<String, List<String>> top = topStatements(postgres, 6);
        double[] loadAfter = loadAndMachineTicks();
        long events = lastEvent(tickets) - eventsBefore;
        Map<String, Long> committedAfter = committed(kafka);
        Map<String, Long> consumed = new LinkedHashMap<>();
        GROUPS.forEach((service, group) -> consumed.put(service,
                committedAfter.getOrDefault(group, 0L) - committedBefore.getOrDefault(group, 0L)));
        // load: 1-minute load average at the end; share of the machine all processes used (from /proc/stat)
        double machineBusy = (loadAfter[1] - loadBefore[1]) / Math.max(1, loadAfter[2] - loadBefore[2]);
        return new Phase(name, seconds, statements, cpuUsed, jitUsed, jitByProcess, events, done[1], done[0], consumed, caughtUp,
                catchUpSeconds, top, new double[] {loadAfter[0], machineBusy});
    }

    /**
     * The fixed mix, one client paced at {@link #rate} commands/s: per ticket open, comment, status IN_PROGRESS, a
     * time entry, and every fifth ticket an escalation request (escalation-service raises an escalation, which the
     * ticket-service consumes). With {@code mix == false} only opens tickets.
     */
    private long[] drive(String gateway, String[] organization, int count, boolean mix) throws Exception {
        long commands = 0;
        long nanosPerCommand = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            List<Work> steps = new ArrayList<>();
            String[] ticket = new String[1];
            steps.add(() -> {
                ticket[0] = portal.openTicket(gateway, organization[1], organization[0]);
                return null;
            });
            if (mix) {
                steps.add(() -> {
                    portal.comment(gateway, ticket[0]);
                    return null;
                });
                steps.add(() -> {
                    portal.send(gateway, "POST", "/api/tickets/" + ticket[0] + "/status", portal.agent,
                            Map.of("status", "IN_PROGRESS"), 0);
                    return null;
                });
                steps.add(() -> {
                    portal.send(gateway, "POST", "/api/tickets/" + ticket[0] + "/time-entries", portal.agent,
                            Map.of("minutes", 30, "rate", "STANDARD", "workDate", LocalDate.now().toString(),
                                    "note", "Benchmark work"), 0);
                    return null;
                });
                if (i % 5 == 0) {
                    steps.add(() -> {
                        portal.send(gateway, "POST", "/api/tickets/" + ticket[0] + "/escalation-requests", portal.agent,
                                Map.of("reason", "Benchmark escalation"), 0);
                        return null;
                    });
                }
            }
            for (Work step : steps) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next = Math.max(next + nanosPerCommand, System.nanoTime() - nanosPerCommand);
                step.run();
                commands++;
            }
        }
        return new long[] {commands, count};
    }

    /**
     * Waits until every consumer group has committed up to the end of every partition it reads, and nothing new was
     * stored or published for two consecutive checks one second apart (the relays and outboxes have drained), at most
     * {@link #CATCH_UP_MAX}.
     */
    private boolean awaitCaughtUp(Admin kafka, Connection tickets) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP_MAX.toNanos();
        String last = "";
        int stable = 0;
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> ends = endOffsets(kafka);
            long lag = 0;
            for (String group : GROUPS.values()) {
                Map<TopicPartition, OffsetAndMetadata> offsets = kafka.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
                    if (entry.getValue() != null) {
                        lag += Math.max(0, ends.getOrDefault(entry.getKey(), 0L) - entry.getValue().offset());
                    }
                }
            }
            String state = lastEvent(tickets) + " " + new TreeMap<>(ends.entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
            stable = lag == 0 && state.equals(last) ? stable + 1 : 0;
            if (stable >= 2) {
                return true;
            }
            last = state;
            Thread.sleep(1000);
        }
        return false;
    }

    /** Idles in slices until the JIT compilers of all JVMs used under 5 % of one core over a slice, at most 150 s. */
    private String awaitJitQuiet() throws InterruptedException {
        long started = System.nanoTime();
        double share;
        do {
            double before = cpu.jitSnapshot();
            long sliceStarted = System.nanoTime();
            Thread.sleep(QUIET_SLICE.toMillis());
            share = (cpu.jitSnapshot() - before) / ((System.nanoTime() - sliceStarted) / 1e6);
        } while (share >= 0.05 && System.nanoTime() - started < QUIET_MAX.toNanos());
        return Math.round((System.nanoTime() - started) / 1e9) + " s, JIT compilers at " + Math.round(share * 100)
                + " % of one core over the last 10 s";
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return properties;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin kafka) throws Exception {
        var topics = kafka.listTopics(new ListTopicsOptions().listInternal(false)).names().get(10, TimeUnit.SECONDS);
        var descriptions = kafka.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        descriptions.forEach((topic, description) -> description.partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        kafka.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Sum of the committed offsets of each consumer group, over all its partitions. */
    private static Map<String, Long> committed(Admin kafka) throws Exception {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (ConsumerGroupListing listing : kafka.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            long sum = kafka.listConsumerGroupOffsets(listing.groupId()).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).values().stream().filter(java.util.Objects::nonNull)
                    .mapToLong(OffsetAndMetadata::offset).sum();
            sums.put(listing.groupId(), sum);
        }
        return sums;
    }

    private static long lastEvent(Connection tickets) throws Exception {
        try (Statement sql = tickets.createStatement();
             ResultSet rows = sql.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void resetStatements(Connection postgres) throws Exception {
        try (Statement sql = postgres.createStatement()) {
            sql.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Statements (calls, including BEGIN/COMMIT/SET) per database since the last reset. */
    private static Map<String, Long> statements(Connection postgres) throws Exception {
        Map<String, Long> calls = new LinkedHashMap<>();
        DATABASES.keySet().forEach(db -> calls.put(db, 0L));
        try (Statement sql = postgres.createStatement();
             ResultSet rows = sql.executeQuery("SELECT d.datname, sum(s.calls) FROM pg_stat_statements s "
                     + "JOIN pg_database d ON d.oid = s.dbid GROUP BY d.datname")) {
            while (rows.next()) {
                if (calls.containsKey(rows.getString(1))) {
                    calls.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return calls;
    }

    private static Map<String, List<String>> topStatements(Connection postgres, int count) throws Exception {
        Map<String, List<String>> top = new LinkedHashMap<>();
        try (Statement sql = postgres.createStatement();
             ResultSet rows = sql.executeQuery("SELECT datname, calls, statement FROM (SELECT d.datname, s.calls, "
                     + "left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110) AS statement, row_number() OVER "
                     + "(PARTITION BY d.datname ORDER BY s.calls DESC) AS rank FROM pg_stat_statements s "
                     + "JOIN pg_database d ON d.oid = s.dbid) ranked WHERE rank <= " + count + " ORDER BY datname, calls DESC")) {
            while (rows.next()) {
                if (DATABASES.containsKey(rows.getString(1))) {
                    top.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                            .add(rows.getLong(2) + " x `" + rows.getString(3).replace("|", "\\|").replace("`", "'") + "`");
                }
            }
        }
        return top;
    }

    /** {1-minute load average, busy ticks of all CPUs, all ticks of all CPUs} from /proc. */
    private static double[] loadAndMachineTicks() {
        try {
            double load = Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
            String[] cpuLine = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpuLine.length; i++) {
                total += Long.parseLong(cpuLine[i]);
            }
            long idle = Long.parseLong(cpuLine[4]) + Long.parseLong(cpuLine[5]); // idle + iowait
            return new double[] {load, total - idle, total};
        } catch (Exception e) {
            return new double[] {Double.NaN, 0, 0};
        }
    }
}
