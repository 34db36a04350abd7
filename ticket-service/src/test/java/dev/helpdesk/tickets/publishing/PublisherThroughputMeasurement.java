package dev.helpdesk.tickets.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.testsupport.TestInfrastructure;
import dev.helpdesk.tickets.support.HttpApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: the measurement of BENCHMARKS.md "Issue 15: publishing to Kafka", run by hand
 * ({@code -Dpublisher.measure=true -Dtest=PublisherThroughputMeasurement}). Starts the ticket-service jar of the
 * baseline and of this build alternately as processes of their own, on a fresh database each and the tests' real
 * broker; appends a burst of stored events in one statement and reports records published per second (commit of
 * the burst to the publisher's token at the store's head) and the CPU time of the publisher's threads (its tracking
 * processor and the Kafka producer's network thread, from {@code jcmd Thread.print}) per published record.
 */
@EnabledIfSystemProperty(named = "publisher.measure", matches = "true")
class PublisherThroughputMeasurement {

    private static final Pattern THREAD = Pattern.compile("^\"([^\"]+)\".*\\bcpu=([0-9.]+)ms", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void burstsOfStoredEventsPublishedByTheBaselineAndByThisBuild() throws Exception {
        String before = System.getProperty("publisher.before", "/work/baseline-15/ticket-service/target/ticket-service.jar");
        String after = System.getProperty("publisher.after", "/work/after-publisher/ticket-service/target/ticket-service.jar");
        int burst = Integer.getInteger("publisher.burst", 5000);
        int rounds = Integer.getInteger("publisher.rounds", 2);
        List<String> report = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            report.addAll(measure("before", before, burst));
            report.addAll(measure("after", after, burst));
        }
        System.out.println("\n==== publisher measurement (burst " + burst + ") ====");
        report.forEach(System.out::println);
    }

    private List<String> measure(String label, String jar, int burst) throws Exception {
        Map<String, Object> infrastructure = TestInfrastructure.freshProperties("tickets_measure");
        int port = freePort();
        int management = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-jar", jar));
        infrastructure.forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--server.port=" + port);
        command.add("--management.server.port=" + management);
        command.add("--logging.level.root=WARN");
        Path log = Files.createTempFile("publisher-measure-" + label, ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process service = builder.start();
        List<String> lines = new ArrayList<>();
        try {
            awaitReady(service, management, log);
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource((String) infrastructure.get("spring.datasource.url"),
                    (String) infrastructure.getOrDefault("spring.datasource.username", "postgres"),
                    (String) infrastructure.getOrDefault("spring.datasource.password", "")));
            HttpApi api = new HttpApi(port);
            String[] organisation = PublisherGuaranteesTest.organisation(api);
            String ticketId = PublisherGuaranteesTest.ticket(api, organisation);
            PublisherGuaranteesTest.comment(api, ticketId, "The template of the burst");
            String template = PublisherGuaranteesTest.lastEventId(jdbc);
            awaitPublished(jdbc);
            // Warm-up: the JIT compiles the publisher's path before the measured bursts.
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                PublisherGuaranteesTest.appendBurst(jdbc, template, 2000, 50, "warm-" + warmUp + "-");
                awaitPublished(jdbc);
            }
            for (int run = 0; run < 2; run++) {
                Map<String, Double> cpuBefore = threadCpu(service.pid());
                PublisherGuaranteesTest.appendBurst(jdbc, template, burst, 50, "burst-" + run + "-");
                long start = System.nanoTime();
                awaitPublished(jdbc);
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Double> cpuAfter = threadCpu(service.pid());
                double processor = delta(cpuBefore, cpuAfter, "EventProcessor[kafka-publisher]");
                double network = delta(cpuBefore, cpuAfter, "kafka-producer-network-thread");
                double views = delta(cpuBefore, cpuAfter, "EventProcessor[views]");
                double all = delta(cpuBefore, cpuAfter, "");
                lines.add(String.format("%-6s run %d: %5d records in %6.2f s = %7.0f records/s; CPU ms per record: publisher threads %.3f"
                                + " (processor %.3f, producer network %.3f); views processor %.3f; whole JVM %.3f",
                        label, run, burst, seconds, burst / seconds, (processor + network) / burst, processor / burst,
                        network / burst, views / burst, all / burst));
                System.out.println(lines.get(lines.size() - 1));
            }
        } finally {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        return lines;
    }

    /** Waits until the publisher's token is at the store's head: every stored event acknowledged by the broker. */
    private static void awaitPublished(JdbcTemplate jdbc) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        while (System.nanoTime() < deadline) {
            List<byte[]> tokens = jdbc.query("SELECT token FROM token_entry WHERE processor_name = 'kafka-publisher' AND token IS NOT NULL",
                    (rs, n) -> rs.getBytes(1));
            if (!tokens.isEmpty() && JSON.readTree(tokens.get(0)).path("index").asLong(-1) >= head) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not published within 10 minutes");
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String prefix) {
        double sum = 0;
        for (Map.Entry<String, Double> thread : after.entrySet()) {
            if (thread.getKey().startsWith(prefix)) {
                sum += thread.getValue() - before.getOrDefault(thread.getKey(), 0.0);
            }
        }
        return sum;
    }

    /** CPU milliseconds of every thread of the process, by name (names made unique by suffixing a counter). */
    private static Map<String, Double> threadCpu(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(60, TimeUnit.SECONDS);
        Map<String, Double> cpu = new LinkedHashMap<>();
        Matcher matcher = THREAD.matcher(dump);
        while (matcher.find()) {
            String name = matcher.group(1);
            String key = name;
            for (int i = 2; cpu.containsKey(key); i++) {
                key = name + "#" + i;
            }
            cpu.put(key, Double.parseDouble(matcher.group(2)));
        }
        if (cpu.isEmpty()) {
            throw new IllegalStateException("No thread CPU in: " + dump);
        }
        return cpu;
    }

    private static void awaitReady(Process service, int management, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("Service exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + management + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Service not ready: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
