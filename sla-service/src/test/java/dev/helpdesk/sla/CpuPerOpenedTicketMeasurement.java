package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.sla.support.TicketEvents;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A measurement, not a check of speed (BENCHMARKS.md, 7, "Fifth step"): the CPU the service's own threads spend per
 * ticket opened alone in its poll, as the benchmark opens them (one every 100 ms), on the real PostgreSQL and Kafka.
 * Per-thread CPU ({@link ThreadMXBean}) of the ticket listener, the settings-eviction listener, the outbox relay, the
 * producer's network thread and the consumers' heartbeat threads, raw and minus the same threads' idle rate over the
 * phase; the in-process broker, the test's producer and the JIT compilers are not counted (the compilers are printed
 * apart). It prints the figures and asserts only that every ticket was applied and the threads were found.
 *
 * <p>Knobs (system properties): {@code helpdesk.cpu.warm-up} tickets opened first (default 150),
 * {@code helpdesk.cpu.tickets} measured (default 60), {@code helpdesk.cpu.pause-ms} between openings (100),
 * {@code helpdesk.cpu.idle-seconds} of the idle phase (5), {@code helpdesk.cpu.jfr} a file to record the measured
 * phase into with JFR's {@code profile} settings
 * and a Java sample every millisecond.
 */
@TestPropertySource(properties = "spring.kafka.producer.client-id=sla-measured-producer")
class CpuPerOpenedTicketMeasurement extends SlaServiceTestBase {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The service's threads, by role (the name of each; the first role that matches counts). */
    private final Map<String, Predicate<String>> roles = new LinkedHashMap<>();

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Value("${helpdesk.sla.consumer-group}")
    String consumerGroup;

    @BeforeEach
    void nameTheRoles() {
        String ticketListener = listeners.getListenerContainers().stream()
                .filter(container -> consumerGroup.equals(container.getGroupId())).findFirst().orElseThrow()
                .getListenerId();
        roles.put("ticket listener", name -> name.startsWith(ticketListener + "-"));
        roles.put("settings listener", name -> name.contains("-C-"));
        roles.put("outbox relay", name -> name.equals("outbox-relay"));
        roles.put("producer network", name -> name.contains("kafka-producer-network-thread | sla-measured-producer"));
        roles.put("consumer heartbeats", name -> name.startsWith("kafka-coordinator-heartbeat-thread | sla-service"));
    }

    @Test
    void cpuOfTheServiceThreadsPerTicketOpenedAloneInItsPoll() throws Exception {
        int warmUp = Integer.getInteger("helpdesk.cpu.warm-up", 150);
        int tickets = Integer.getInteger("helpdesk.cpu.tickets", 60);
        long pauseMs = Long.getLong("helpdesk.cpu.pause-ms", 100);
        long idleSeconds = Long.getLong("helpdesk.cpu.idle-seconds", 5);
        String jfr = System.getProperty("helpdesk.cpu.jfr");

        String registration = events.registered("org-cpu", Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "UTC");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, registration) == 1);
        for (int i = 0; i < warmUp; i++) {
            openAndAwait();
        }

        Map<Long, String> names = serviceThreads();
        long idleStart = System.nanoTime();
        Map<Long, Long> beforeIdle = cpu(names);
        Thread.sleep(idleSeconds * 1000);
        Map<Long, Long> afterIdle = cpu(names);
        double idleSecondsMeasured = (System.nanoTime() - idleStart) / 1e9;

        Recording recording = null;
        if (jfr != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
        }
        long phaseStart = System.nanoTime();
        Map<Long, Long> before = cpu(names);
        Map<Long, Long> beforeUser = userCpu(names);
        double[] producerBefore = producerTotals();
        long beforeJit = compilerMillis();
        for (int i = 0; i < tickets; i++) {
            openAndAwait();
            Thread.sleep(pauseMs);
        }
        Map<Long, Long> after = cpu(names);
        Map<Long, Long> afterUser = userCpu(names);
        double[] producerAfter = producerTotals();
        long afterJit = compilerMillis();
        double phaseSeconds = (System.nanoTime() - phaseStart) / 1e9;
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(jfr));
            recording.close();
        }

        Map<String, double[]> byRole = new LinkedHashMap<>();
        roles.keySet().forEach(role -> byRole.put(role, new double[3]));
        names.forEach((id, name) -> {
            String role = roleOf(name);
            if (role == null) {
                return;
            }
            double phaseMs = (after.getOrDefault(id, 0L) - before.getOrDefault(id, 0L)) / 1e6;
            double idleMsPerSecond = (afterIdle.getOrDefault(id, 0L) - beforeIdle.getOrDefault(id, 0L)) / 1e6
                    / idleSecondsMeasured;
            byRole.get(role)[0] += phaseMs;
            byRole.get(role)[1] += phaseMs - idleMsPerSecond * phaseSeconds;
            byRole.get(role)[2] += phaseMs - (afterUser.getOrDefault(id, 0L) - beforeUser.getOrDefault(id, 0L)) / 1e6;
        });
        StringBuilder report = new StringBuilder(String.format(
                "%nCPU ms per opened ticket, one per poll (%d tickets after %d, one every ~%d ms, %.1f s; idle %.1f s)%n"
                        + "%-30s %10s %16s %16s%n", tickets, warmUp, pauseMs, phaseSeconds, idleSecondsMeasured,
                "threads", "raw", "idle-corrected", "raw in kernel"));
        double raw = 0;
        double corrected = 0;
        double kernel = 0;
        for (Map.Entry<String, double[]> entry : byRole.entrySet()) {
            double[] figures = entry.getValue();
            report.append(String.format("%-30s %10.3f %16.3f %16.3f%n", entry.getKey(), figures[0] / tickets,
                    figures[1] / tickets, figures[2] / tickets));
            raw += figures[0];
            corrected += figures[1];
            kernel += figures[2];
        }
        report.append(String.format("%-30s %10.3f %16.3f %16.3f%n", "service threads, sum", raw / tickets,
                corrected / tickets, kernel / tickets));
        report.append(afterJit >= beforeJit
                ? String.format("(JIT compiler threads of the whole test JVM in the phase: %.3f ms per ticket)%n",
                        (afterJit - beforeJit) / (double) tickets)
                : "(JIT compiler threads: not measured, a compiler thread ended during the phase)\n");
        double records = producerAfter[0] - producerBefore[0];
        double requests = producerAfter[1] - producerBefore[1];
        report.append(String.format("(the service's producer: %.2f records and %.2f requests per ticket, %.2f records per "
                + "request)%n", records / tickets, requests / tickets, records / Math.max(1, requests)));
        System.out.print(report);

        assertThat(names.values()).anyMatch(roles.get("ticket listener"));
        assertThat(names.values()).anyMatch(roles.get("outbox relay"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket WHERE organization_id = 'org-cpu'", Long.class))
                .isEqualTo(warmUp + tickets);
    }

    private void openAndAwait() {
        String ticketId = TicketEvents.newId();
        events.opened(ticketId, "org-cpu", Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "UTC", TicketType.INCIDENT,
                Severity.S2, Instant.now());
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM clock WHERE ticket_id = ?", Long.class,
                        ticketId) == 2L);
    }

    private String roleOf(String name) {
        for (Map.Entry<String, Predicate<String>> role : roles.entrySet()) {
            if (role.getValue().test(name)) {
                return role.getKey();
            }
        }
        return null;
    }

    private Map<Long, String> serviceThreads() {
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && roleOf(info.getThreadName()) != null) {
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return names;
    }

    /** CPU of the JIT compiler threads (hidden from ThreadMXBean) from /proc, in ms; 0 where there is no /proc. */
    private static long compilerMillis() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.contains("CompilerThre")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException noProc) {
            return 0;
        }
        return ticks * 10;
    }

    /** The service's producer: records sent and requests made (every request to any broker), in all. */
    private double[] producerTotals() {
        double[] totals = new double[2];
        kafka.metrics().forEach((name, metric) -> {
            if (name.group().equals("producer-metrics") && name.name().equals("record-send-total")) {
                totals[0] += ((Number) metric.metricValue()).doubleValue();
            } else if (name.group().equals("producer-metrics") && name.name().equals("request-total")) {
                totals[1] += ((Number) metric.metricValue()).doubleValue();
            }
        });
        return totals;
    }

    /** User-mode CPU of each thread in ns: the rest of {@link #cpu} is time in the kernel (system calls). */
    private static Map<Long, Long> userCpu(Map<Long, String> threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.keySet()) {
            cpu.put(id, Math.max(0, THREADS.getThreadUserTime(id)));
        }
        return cpu;
    }

    private static Map<Long, Long> cpu(Map<Long, String> threads) {
        Map<Long, Long> cpu = new HashMap<>();
        List<Long> ids = new ArrayList<>(threads.keySet());
        for (long id : ids) {
            cpu.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
        return cpu;
    }
}
