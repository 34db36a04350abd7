package dev.helpdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.localstack.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Benchmark 4: rebuilding a projection ({@code BENCH_PROJECTION}: {@code budgets}, the default, or
 * {@code sla-clocks}) from the ticket topic (events/s, from the rebuild's own start and
 * finish times), against a plain-JDBC keyset read of the same envelopes from a table in the same PostgreSQL, in
 * batches of 1,000. Goal: at least 0.5 of the raw read.
 *
 * <p>The history ({@link ReplayEventMix}) is produced to the stack's ticket topic from this JVM and copied into
 * {@code bench.bench_event} in the same pass. The other consumers of the topic are stopped first (for budgets the SLA
 * and escalation services, for SLA clocks the budget and escalation services): they would otherwise compete for the
 * two cores with both measurements. The live consumer of the measured service is
 * awaited (its group's committed offsets reach the topic's end) before anything is measured. Optionally
 * ({@code BENCH_JFR=/path.jfr}) the rebuild is recorded with Flight Recorder in the measured service.
 */
final class ReplayThroughput {

    private static final int BATCH = 1_000;

    /** The projection rebuilt: its service (and consumer group), database, replay path and the services stopped. */
    private record Target(String projection, String service, String database, String path, List<String> stopped) {
    }

    private static final Target BUDGETS = new Target("budgets", "budget-service", "budgets", "/api/admin/budgets/replays",
            List.of("sla-service", "escalation-service"));
    private static final Target SLA_CLOCKS = new Target("sla-clocks", "sla-service", "sla", "/api/admin/sla/replays",
            List.of("budget-service", "escalation-service"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Stack stack;
    private final Portal portal;
    private final long total = Long.parseLong(System.getenv().getOrDefault("BENCH_EVENTS", "1000000"));
    /**
     * Organisations in the history: the live consumer checks thresholds against the organisation's whole ledger on
     * every time entry, so its catch-up (setup, not measured) slows as ledgers grow; with 500 it fell from ~1,000 to
     * ~120 events/s after 350,000 events. 5,000 keeps ledgers at ~150 lines each; the rebuild loads no ledger.
     */
    private final int organizations = Integer.parseInt(System.getenv().getOrDefault("BENCH_ORGANIZATIONS", "5000"));
    private final String topic = System.getenv().getOrDefault("HELPDESK_TOPIC_TICKETS", "helpdesk.tickets.v1");
    private final Target target = switch (System.getenv().getOrDefault("BENCH_PROJECTION", "budgets")) {
        case "budgets" -> BUDGETS;
        case "sla-clocks" -> SLA_CLOCKS;
        default -> throw new IllegalArgumentException("BENCH_PROJECTION must be budgets or sla-clocks");
    };

    ReplayThroughput(Stack stack, Portal portal) {
        this.stack = stack;
        this.portal = portal;
    }

    String run() throws Exception {
        for (String other : target.stopped()) {
            stack.kill(other);
        }
        try (Connection postgres = connect("postgres"); Statement create = postgres.createStatement()) {
            create.execute("create database bench");
        }
        ReplayEventMix mix = new ReplayEventMix(organizations, total);
        long produced;
        long caughtUpAfter;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap()))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            long producing = System.nanoTime();
            produced = produceAndCopy(mix);
            log("produced and copied " + produced + " events in " + Bench.f((System.nanoTime() - producing) / 1e9) + " s");
            long end = System.nanoTime();
            awaitLiveConsumer(admin, partitions);
            caughtUpAfter = (System.nanoTime() - end) / 1_000_000_000L;
        }
        awaitTimersQuiet();
        String before = fingerprint();
        Map<String, String> rowsBefore = slaRows();
        long deadLetters = count(target.database(), "select count(*) from dead_letter");
        prepare();
        Read first = keysetRead();
        Read second = keysetRead();
        Read baseline = first.perSecond() >= second.perSecond() ? first : second;
        checkpoint();
        Rebuild rebuild = rebuild();
        awaitTimersQuiet();
        String after = fingerprint();
        String differences = differences(rowsBefore, slaRows());
        double ratio = rebuild.perSecond() / baseline.perSecond();
        return "History produced to `" + topic + "` (3 partitions) and copied to `bench.bench_event` (id bigserial, payload text): "
                + produced + " CloudEvents envelopes, " + organizations + " organisations. Mix:\n\n"
                + "| event type | count | share |\n|---|---|---|\n"
                + mix.counts().entrySet().stream().map(e -> "| `" + e.getKey() + "` | " + e.getValue() + " | "
                        + Bench.f(100.0 * e.getValue() / produced) + " % |").collect(Collectors.joining("\n"))
                + "\n\nThe live " + target.service() + " consumer had applied everything " + caughtUpAfter + " s after the "
                + "last record was produced (dead letters: " + deadLetters + "); " + String.join(" and ", target.stopped())
                + " were stopped (they consume the same topic and are not measured here).\n\n"
                + "| measurement | events | seconds | events/s |\n|---|---|---|---|\n"
                + "| raw keyset read, plain JDBC, batches of 1,000 (pass 1) | " + first.rows() + " | " + Bench.f2(first.seconds())
                + " | " + Bench.f(first.perSecond()) + " |\n"
                + "| raw keyset read, plain JDBC, batches of 1,000 (pass 2) | " + second.rows() + " | " + Bench.f2(second.seconds())
                + " | " + Bench.f(second.perSecond()) + " |\n"
                + "| " + target.projection() + " rebuild (POST to COMPLETED, replay's startedAt..finishedAt) | " + rebuild.events()
                + " | " + Bench.f2(rebuild.seconds()) + " | " + Bench.f(rebuild.perSecond()) + " |\n\n"
                + "**Ratio rebuild / raw read (faster pass): " + Bench.f2(ratio) + "** (goal >= 0.5: "
                + (ratio >= 0.5 ? "met" : "missed") + ").\n\n"
                + "During the rebuild: " + target.service() + " JVM " + Bench.f(rebuild.serviceCpu()) + " CPU s, PostgreSQL "
                + Bench.f(rebuild.databaseCpu()) + " CPU s, over " + Bench.f(rebuild.seconds()) + " s wall on "
                + Runtime.getRuntime().availableProcessors() + " cores. Rebuild result: " + rebuild.result()
                + ". Projection after the switch identical to the live one before it (checksums of all its tables): "
                + (before.equals(after) ? "yes" : "NO (" + before + " vs " + after + ")") + "." + differences + "\n";
    }

    /** Sends the history to the ticket topic (batching producer, as the ticket service's relay would) and copies it. */
    private long produceAndCopy(ReplayEventMix mix) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
             Connection bench = DriverManager.getConnection(stack.jdbcUrl("bench") + "?reWriteBatchedInserts=true", "postgres", "postgres")) {
            try (Statement create = bench.createStatement()) {
                create.execute("create table bench_event (id bigserial primary key, payload text not null)");
            }
            try (PreparedStatement insert = bench.prepareStatement("insert into bench_event (payload) values (?)")) {
                while (mix.hasNext()) {
                    ReplayEventMix.Event event = mix.next();
                    ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.key(), event.json());
                    record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    insert.setString(1, event.json());
                    insert.addBatch();
                    if (++sent % BATCH == 0) {
                        insert.executeBatch();
                    }
                    if (sent % 100_000 == 0) {
                        log(sent + " events produced");
                    }
                }
                insert.executeBatch();
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing the history failed", failure.get());
        }
        return sent;
    }

    /** Waits until the live consumer group has committed the end of every partition. */
    private void awaitLiveConsumer(Admin admin, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        long lastLog = 0;
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(target.service())
                    .partitionsToOffsetAndMetadata().get();
            long done = partitions.stream().map(committed::get).mapToLong(o -> o == null ? 0 : o.offset()).sum();
            if (done >= end) {
                return;
            }
            if (System.nanoTime() - lastLog > 15_000_000_000L) {
                lastLog = System.nanoTime();
                log("live " + target.service() + " consumer at " + done + " of " + end);
            }
            Thread.sleep(1000);
        }
    }

    /** Fresh statistics and hint bits for the copy, and no dirty pages left over from the load. */
    private void prepare() throws SQLException {
        try (Connection bench = connect("bench"); Statement statement = bench.createStatement()) {
            statement.execute("vacuum analyze bench_event");
        }
        checkpoint();
    }

    private void checkpoint() throws SQLException {
        try (Connection postgres = connect("postgres"); Statement statement = postgres.createStatement()) {
            statement.execute("checkpoint");
        }
    }

    private record Read(long rows, double seconds) {
        double perSecond() {
            return rows / seconds;
        }
    }

    /** The baseline: every payload read in id order, 1,000 rows per query, as a replay from a table would. */
    private Read keysetRead() throws SQLException {
        try (Connection bench = connect("bench");
             PreparedStatement page = bench.prepareStatement("select id, payload from bench_event where id > ? order by id limit ?")) {
            long started = System.nanoTime();
            long last = 0;
            long rows = 0;
            long characters = 0;
            int read;
            do {
                page.setLong(1, last);
                page.setInt(2, BATCH);
                read = 0;
                try (ResultSet result = page.executeQuery()) {
                    while (result.next()) {
                        last = result.getLong(1);
                        characters += result.getString(2).length();
                        read++;
                    }
                }
                rows += read;
            } while (read == BATCH);
            Read measured = new Read(rows, (System.nanoTime() - started) / 1e9);
            log("keyset read: " + rows + " rows (" + characters / (1024 * 1024) + " M characters) at "
                    + Bench.f(measured.perSecond()) + " rows/s");
            return measured;
        }
    }

    private record Rebuild(long events, double seconds, double serviceCpu, double databaseCpu, String result) {
        double perSecond() {
            return events / seconds;
        }
    }

    private Rebuild rebuild() throws Exception {
        String gateway = stack.gatewayUrl();
        long pid = stack.pids().get(target.service());
        ProcessHandle service = ProcessHandle.of(pid).orElseThrow();
        double serviceCpu = cpuSeconds(List.of(service));
        double databaseCpu = cpuSeconds(postgresProcesses());
        String jfr = System.getenv("BENCH_JFR");
        if (jfr != null) {
            Jcmd.run(pid, "JFR.start", "name=replay", "settings=profile", "filename=" + jfr);
        }
        String id = portal.send(gateway, "POST", target.path(), portal.admin,
                Map.of("projection", target.projection()), 202).path("id").asText();
        JsonNode replay;
        long lastLog = 0;
        while (true) {
            replay = progress(gateway, id);
            String state = replay.path("state").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                break;
            }
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                lastLog = System.nanoTime();
                log("rebuild " + state + ": " + replay.path("done").asLong() + " of " + replay.path("total").asLong()
                        + " events, " + replay.path("rate").asText() + " events/s, eta " + replay.path("eta").asText());
            }
            Thread.sleep(200);
        }
        serviceCpu = cpuSeconds(List.of(service)) - serviceCpu;
        databaseCpu = cpuSeconds(postgresProcesses()) - databaseCpu;
        if (jfr != null) {
            Jcmd.run(pid, "JFR.stop", "name=replay");
        }
        if (!replay.path("state").asText().equals("COMPLETED")) {
            throw new IllegalStateException("rebuild failed: " + replay);
        }
        double seconds = Duration.between(Instant.parse(replay.path("startedAt").asText()),
                Instant.parse(replay.path("finishedAt").asText())).toNanos() / 1e9;
        return new Rebuild(replay.path("done").asLong(), seconds, serviceCpu, databaseCpu,
                replay.has("result") ? replay.path("result").toString()
                        : "skipped " + replay.path("skipped").asLong() + ", error " + replay.path("error").asText());
    }

    private JsonNode progress(String gateway, String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + target.path() + "/" + id))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + portal.admin).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET replay answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The embedded PostgreSQL server (found by its port) and its children: backends, writers, checkpointer. */
    private List<ProcessHandle> postgresProcesses() {
        String port = String.valueOf(stack.config().dbPort());
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(port)).orElse(false))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .toList();
    }

    private static double cpuSeconds(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum() / 1000.0;
    }

    /** Checksums of every projection table of the active generation, to show that the rebuild computed the same. */
    private String fingerprint() throws SQLException {
        if (target == SLA_CLOCKS) {
            return String.join(" ", List.of(
                    query("sla", "select count(*) || ':' || md5(string_agg(t::text, ',' order by ticket_id)) from ticket t"),
                    query("sla", "select count(*) || ':' || md5(string_agg(c::text, ',' order by ticket_id, metric)) from clock c"),
                    query("sla", "select count(*) || ':' || md5(string_agg(concat_ws('|', ticket_id, metric, kind, at, reason, "
                            + "previous_severity, severity, state, target_ms, started_at, due_at, paused_at, paused_for_ms, "
                            + "met_at, breached_at), ',' order by ticket_id, metric, at, kind, state)) from clock_segment")));
        }
        return String.join(" ", List.of(
                query("budgets", "select md5(string_agg(concat_ws('|', organization_id, currency, standard_rate, consultancy_rate), ',' "
                        + "order by organization_id)) from organization_budget where generation = (select active from projection_generation)"),
                query("budgets", "select md5(string_agg(concat_ws('|', organization_id, period_start, period_end), ',' "
                        + "order by organization_id, period_start)) from support_period where generation = (select active from projection_generation)"),
                query("budgets", "select md5(string_agg(concat_ws('|', organization_id, purchase_id, amount, purchased_on), ',' "
                        + "order by organization_id, purchase_id)) from budget_purchase where generation = (select active from projection_generation)"),
                query("budgets", "select md5(string_agg(concat_ws('|', organization_id, ticket_id, entry_id, kind, agent_id, minutes, rate, "
                        + "work_date, note, recorded_at), ',' order by ticket_id, entry_id, kind)) from ledger_line "
                        + "where generation = (select active from projection_generation)")));
    }

    /**
     * SLA clocks change with time as well as with events: timers due fire on the live path. Before each snapshot, waits
     * (at most 120 s) until no timer is due, so that both snapshots see every past deadline applied.
     */
    private void awaitTimersQuiet() throws Exception {
        if (target != SLA_CLOCKS) {
            return;
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        long due;
        while ((due = count("sla", "select count(*) from clock where next_timer_at <= now()")) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        log(due == 0 ? "no SLA timer due" : due + " SLA timers still due after 120 s");
    }

    /** Each SLA clock's row and its segments, by ticket and metric (empty for the budget projection). */
    private Map<String, String> slaRows() throws SQLException {
        Map<String, String> rows = new java.util.TreeMap<>();
        if (target != SLA_CLOCKS) {
            return rows;
        }
        try (Connection sla = connect("sla"); Statement statement = sla.createStatement()) {
            try (ResultSet clock = statement.executeQuery("select ticket_id || ' ' || metric, c::text from clock c")) {
                while (clock.next()) {
                    rows.put(clock.getString(1), clock.getString(2));
                }
            }
            try (ResultSet segments = statement.executeQuery("""
                    select ticket_id || ' ' || metric, string_agg(concat_ws('|', kind, at, reason, previous_severity,
                        severity, state, target_ms, started_at, due_at, paused_at, paused_for_ms, met_at, breached_at), ' ; '
                        order by at, kind, state) from clock_segment group by 1""")) {
                while (segments.next()) {
                    rows.merge(segments.getString(1), " segments: " + segments.getString(2), String::concat);
                }
            }
        }
        return rows;
    }

    /** How many clocks differ between the two snapshots, with the first three side by side. */
    private static String differences(Map<String, String> before, Map<String, String> after) {
        if (before.isEmpty() && after.isEmpty()) {
            return "";
        }
        java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> differing = keys.stream().filter(key -> !java.util.Objects.equals(before.get(key), after.get(key))).toList();
        StringBuilder text = new StringBuilder(" Clocks compared one by one (row and segments): " + keys.size() + ", differing: "
                + differing.size() + ".");
        for (String key : differing.subList(0, Math.min(3, differing.size()))) {
            text.append("\n\n- `").append(key).append("`\n  - live: `").append(before.get(key))
                    .append("`\n  - rebuilt: `").append(after.get(key)).append('`');
        }
        return text.toString();
    }

    private long count(String database, String sql) throws SQLException {
        return Long.parseLong(query(database, sql));
    }

    private String query(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), "postgres", "postgres");
    }


    private static void log(String line) {
        System.out.println("[replay] " + Instant.now() + " " + line);
    }
}
