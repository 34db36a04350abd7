package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 5: {@code BENCH_CLOCKS} (default 1,000,000) open SLA clocks; batches of {@code BENCH_TIMER_BATCHES}
 * (default 1, 1,000 and 10,000) first-response warnings fall due at the same instant a few seconds ahead. For each
 * warning: the lag from its due time to its outbox row being committed and to its record arriving on
 * {@code helpdesk.sla.v1} (p50/p99/max), checked to fire exactly once; the sla-service's resident memory at rest,
 * after seeding and at its peak while firing. Next to each batch: the raw SQL and raw Kafka floor for the same N
 * ({@link TimerBaseline}). Goal: p99 at most 1 s. A warm-up batch ({@code BENCH_TIMER_WARMUP}, default 1,000) fires
 * first, unreported. With {@code BENCH_JFR=<file>} the largest batch is profiled: JFR in the sla-service and
 * {@link TimerDbSampler} on the database.
 */
final class TimerLag {

    private static final Duration AHEAD = Duration.ofSeconds(4);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Stack stack;

    /** The portal is not used: timers are seeded in the database and watched there and on Kafka, no HTTP calls. */
    TimerLag(Stack stack, Portal unused) {
        this.stack = stack;
    }

    String run() throws Exception {
        long clocks = Long.parseLong(System.getenv().getOrDefault("BENCH_CLOCKS", "1000000"));
        List<Integer> batches = Arrays.stream(System.getenv().getOrDefault("BENCH_TIMER_BATCHES", "1,1000,10000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_TIMER_WARMUP", "1000"));
        String jfr = System.getenv("BENCH_JFR");
        long pid = stack.pids().get("sla-service");
        String jdbcUrl = stack.jdbcUrl("sla");
        String bootstrap = stack.config().kafkaBootstrap();
        String topic = System.getenv().getOrDefault("HELPDESK_TOPIC_SLA", "helpdesk.sla.v1");

        Thread.sleep(5_000); // let start-up work settle before sampling memory at rest
        long rssRest = rssKb(pid);
        StringBuilder rows = new StringBuilder();
        long seedMillis;
        long rssSeeded;
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            long started = System.nanoTime();
            new TimerSeed(db).seed(clocks / 2);
            seedMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("Seeded " + clocks + " clocks in " + seedMillis + " ms");
            Thread.sleep(5_000);
            rssSeeded = rssKb(pid);
            System.out.println("Warm-up batch: " + batch(db, new TimerSeed(db), tickets(1, warmUp), jdbcUrl, bootstrap, topic, pid, null));
            long next = 1 + warmUp;
            for (int size : batches) {
                List<String> tickets = tickets(next, size);
                next += size;
                boolean profile = jfr != null && size == batches.stream().mapToInt(Integer::intValue).max().orElse(0);
                rows.append(batch(db, new TimerSeed(db), tickets, jdbcUrl, bootstrap, topic, pid, profile ? jfr : null));
                System.out.println(rows);
            }
        }
        return "Open clocks: **" + clocks + "** (" + clocks / 2 + " INCIDENT S3 tickets x 2 running clocks, policy `dedicated`, "
                + "24x7), seeded in " + seedMillis / 1000 + " s with their 2 published `clock-started` events each; every other "
                + "timer is 1 to 18 h ahead. Each batch's first-response 75 % warnings are made due at one instant "
                + AHEAD.toSeconds() + " s ahead, after a warm-up batch of " + warmUp + " (not in the table: the service's "
                + "JIT compiles the firing path on it). sla-service defaults: poller asleep until the next due timer (at most "
                + System.getenv().getOrDefault("HELPDESK_SLA_TIMER_FALLBACK_INTERVAL", "PT5S") + "), batch size "
                + System.getenv().getOrDefault("HELPDESK_SLA_TIMER_BATCH_SIZE", "100 (default)") + ".\n\n"
                + "sla-service RSS: at rest **" + rssRest / 1024 + " MB**, after seeding **" + rssSeeded / 1024 + " MB** (JVM "
                + System.getenv().getOrDefault("HELPDESK_JAVA_OPTS", "-Xmx512m") + ").\n\n"
                + "| due at once | floor: raw SQL ms | floor: raw Kafka ms | due -> committed p50 / p99 / max ms "
                + "| due -> on Kafka p50 / p99 / max ms | fired exactly once | RSS peak while firing MB "
                + "| CPU ms per timer: sla-service / PostgreSQL / Kafka | cores busy while firing: these three / whole machine % |\n"
                + "|---|---|---|---|---|---|---|---|---|\n" + rows
                + "\nLag is measured from outside: the outbox row's commit (polled back to back, a few ms late at most) and the "
                + "record's arrival at a consumer of `helpdesk.sla.v1`. Floors: the same N made durable with set-based SQL "
                + "(lock N tickets, update N clocks, insert N outbox rows, one transaction) and N event-sized records sent "
                + "with acks=all, measured just before each batch. CPU: user + system time of each process from /proc while the "
                + "batch fired, divided by the batch; the whole machine's busy share includes the other tenants of this shared "
                + "machine. Goal: p99 <= 1 s (due -> on Kafka).\n";
    }

    private static String perTimer(Map<String, Double> used, String process, int timers) {
        return Bench.f2(used.getOrDefault(process, 0.0) / timers);
    }

    /** Busy and total CPU time of the whole machine so far, in jiffies (1/100 s) summed over all cores ({@code /proc/stat}). */
    private static long[] machineJiffies() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {total - idle, total};
    }

    private static List<String> tickets(long first, int count) {
        List<String> tickets = new ArrayList<>();
        for (long n = first; n < first + count; n++) {
            tickets.add(TimerSeed.ticketId(n));
        }
        return tickets;
    }

    private String batch(Connection db, TimerSeed seed, List<String> tickets, String jdbcUrl, String bootstrap,
                         String topic, long pid, String jfr) throws Exception {
        double floorSql = TimerBaseline.sql(db, tickets);
        double floorKafka = TimerBaseline.kafka(bootstrap, tickets);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rssKb(pid), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        Instant due;
        boolean all;
        ProcessCpu cpu = new ProcessCpu(stack);
        Map<String, Double> cpuBefore;
        Map<String, Double> cpuUsed;
        long[] machineBefore;
        long[] machineUsed;
        TimerObserver observer = new TimerObserver(jdbcUrl, bootstrap, topic);
        try (observer) {
            due = Instant.now().plus(AHEAD).truncatedTo(ChronoUnit.MILLIS);
            seed.dueAt(tickets, due);
            if (Instant.now().isAfter(due.minusMillis(500))) {
                throw new IllegalStateException("making the batch due took too long; raise AHEAD");
            }
            TimerDbSampler database = null;
            if (jfr != null) {
                Jcmd.run(pid, "JFR.start", "name=timers", "settings=profile", "filename=" + jfr);
                database = new TimerDbSampler(jdbcUrl);
            }
            sampler.start();
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis())); // CPU counts from the due time
            cpuBefore = cpu.snapshot();
            machineBefore = machineJiffies();
            all = observer.awaitAll(tickets, TIMEOUT);
            cpuUsed = ProcessCpu.between(cpuBefore, cpu.snapshot());
            machineUsed = machineJiffies();
            machineUsed[0] -= machineBefore[0];
            machineUsed[1] -= machineBefore[1];
            if (database != null) {
                database.close();
                System.out.println("Database samples while " + tickets.size() + " fired (statement | wait):\n" + database.top(15));
            }
            Thread.sleep(1_000); // a late duplicate would show here
        } finally {
            sampler.interrupt();
            sampler.join();
            if (jfr != null) {
                Jcmd.run(pid, "JFR.stop", "name=timers");
            }
        }
        String once = exactlyOnce(db, tickets, observer);
        StringBuilder everyProcess = new StringBuilder();
        cpuUsed.forEach((process, millis) -> everyProcess.append(everyProcess.isEmpty() ? "" : ", ").append(process)
                .append(' ').append(perTimer(cpuUsed, process, tickets.size())));
        System.out.println("CPU ms per timer while " + tickets.size() + " fired, every process of the stack: " + everyProcess);
        return "| " + tickets.size() + " | " + Bench.f(floorSql) + " | " + Bench.f(floorKafka) + " | "
                + lags(observer.committed, tickets, due) + " | " + lags(observer.published, tickets, due) + " | "
                + (all ? once : "no: not all fired within " + TIMEOUT.toMinutes() + " min; " + once) + " | " + peak.get() / 1024 + " | "
                + perTimer(cpuUsed, "sla-service", tickets.size()) + " / " + perTimer(cpuUsed, "postgresql", tickets.size()) + " / "
                + perTimer(cpuUsed, "kafka", tickets.size()) + " | "
                + Math.round(100.0 * (cpuUsed.get("sla-service") + cpuUsed.get("postgresql") + cpuUsed.get("kafka"))
                        / 10 / Math.max(1, machineUsed[1])) + " / " + Math.round(100.0 * machineUsed[0] / Math.max(1, machineUsed[1])) + " |\n";
    }

    /** Every due warning once in the outbox, once on Kafka (distinct event ids), clocks moved on to the 90 % timer. */
    private static String exactlyOnce(Connection db, List<String> tickets, TimerObserver observer) throws Exception {
        try (PreparedStatement query = db.prepareStatement("SELECT "
                + "(SELECT count(*) FROM outbox WHERE event_type = '" + TimerSeed.WARNING + "' AND record_key = ANY (?)), "
                + "(SELECT count(DISTINCT record_key) FROM outbox WHERE event_type = '" + TimerSeed.WARNING + "' AND record_key = ANY (?)), "
                + "(SELECT count(*) FROM clock WHERE ticket_id = ANY (?) AND metric = 'FIRST_RESPONSE' "
                + "AND fired_thresholds = '[75]' AND next_timer_percent = 90 AND state = 'RUNNING')")) {
            java.sql.Array ids = db.createArrayOf("text", tickets.toArray());
            query.setArray(1, ids);
            query.setArray(2, ids);
            query.setArray(3, ids);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long events = row.getLong(1);
                long distinct = row.getLong(2);
                long moved = row.getLong(3);
                long onKafka = tickets.stream().filter(observer.publishedIds::containsKey)
                        .mapToLong(t -> observer.publishedIds.get(t).size()).sum();
                boolean ok = events == tickets.size() && distinct == tickets.size() && moved == tickets.size()
                        && onKafka == tickets.size();
                return (ok ? "yes" : "**no**") + " (" + events + " events, " + onKafka + " on Kafka, " + moved + " clocks at 90 %)";
            }
        }
    }

    private static String lags(Map<String, List<Instant>> seen, List<String> tickets, Instant due) {
        long[] millis = tickets.stream().filter(seen::containsKey)
                .mapToLong(t -> Math.max(0, Duration.between(due, seen.get(t).get(0)).toMillis())).sorted().toArray();
        if (millis.length == 0) {
            return "none";
        }
        return at(millis, 50) + " / " + at(millis, 99) + " / " + millis[millis.length - 1];
    }

    private static long at(long[] sorted, double percentile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }


    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
