package dev.helpdesk.faults;

import dev.helpdesk.localstack.DemoTokens;
import dev.helpdesk.localstack.FreePorts;
import dev.helpdesk.localstack.Stack;
import dev.helpdesk.localstack.StackConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The system as an operator scales it out: the local stack (PostgreSQL, one Kafka broker, the first instance of each
 * service and a gateway in front of them), a second instance of each of the four services and a second gateway in
 * front of those. Each gateway routes to one instance of each service: the local stack has no load balancer, and a
 * gateway that balanced over both would hide from the portals which instance died (see docs/operations.md).
 */
final class Fleet implements AutoCloseable {

    static final String[] SERVICES = {"ticket-service", "sla-service", "escalation-service", "budget-service"};
    static final String FAST_POLICY = "fault-fast";
    /**
     * The local stack's JVM options with a smaller heap: C1 only and the serial collector start fastest on 2 cores
     * (docs/local-stack.md); ten JVMs share the machine.
     */
    static final String JAVA_OPTIONS = "-Xms48m -Xmx320m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -XX:ReservedCodeCacheSize=64m -XX:-UsePerfData";
    private static final String SECRET = "fault-test-secret-0123456789-0123456789-abcdef";

    final Stack stack;
    private final DemoTokens tokens = new DemoTokens(SECRET, StackConfig.LOCAL_ISSUER, StackConfig.LOCAL_AUDIENCE,
            Duration.ofHours(2));
    private final Map<String, Stack.Instance> instances = new LinkedHashMap<>();

    private final Path dataDir;

    private Fleet(Stack stack, Path dataDir) {
        this.stack = stack;
        this.dataDir = dataDir;
    }

    static Fleet start() throws Exception {
        Path dataDir = Files.createTempDirectory("helpdesk-fault-test");
        Map<String, String> env = new HashMap<>();
        env.put("HELPDESK_HOME", Path.of("..").toAbsolutePath().normalize().toString());
        env.put("HELPDESK_DATA_DIR", dataDir.toString());
        // the class-data-sharing archives the system tests recorded: the fleet's starts and restarts take about half
        // the CPU (docs/local-stack.md)
        env.put("HELPDESK_CDS_DIR", Path.of(env.get("HELPDESK_HOME"), "target", "test-cds").toString());
        env.put("HELPDESK_JWT_SECRET", SECRET);
        env.putAll(FreePorts.environment());
        env.put("HELPDESK_JAVA_OPTS", JAVA_OPTIONS);
        // the four services the scenarios check and the gateway: no webhook- or notification-service (nothing checked
        // needs them, and each JVM is start-up time on a small machine)
        StackConfig config = StackConfig.fromEnvironment(env, false).only(Set.of(SERVICES));
        long started = System.nanoTime();
        Stack stack = Stack.prepare(config, line -> System.out.println("[faults] " + line));
        Fleet fleet = new Fleet(stack, dataDir);
        try {
            fleet.addSecondInstances();
            stack.start(); // every JVM at once: the first instances, the second ones and the second gateway
            System.out.println("[faults] fleet of " + fleet.instances.size() + " processes ready after "
                    + (System.nanoTime() - started) / 1_000_000 + " ms; " + fleet.cpu());
            fleet.createFastPolicy();
            return fleet;
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
    }

    /** The second instance of each service and the second gateway in front of them, started with the stack. */
    private void addSecondInstances() {
        for (String service : SERVICES) {
            instances.put(service, stack.instance(service));
        }
        instances.put("gateway", stack.instance("gateway"));
        for (String service : SERVICES) {
            Stack.Instance second = stack.addInstance(service, Map.of());
            instances.put(second.name(), second);
        }
        Stack.Instance gateway2 = stack.addInstance("gateway", Map.of(
                "HELPDESK_GATEWAY_TICKETS_URL", instances.get("ticket-service-2").url(),
                "HELPDESK_GATEWAY_SLA_URL", instances.get("sla-service-2").url(),
                "HELPDESK_GATEWAY_ESCALATIONS_URL", instances.get("escalation-service-2").url(),
                "HELPDESK_GATEWAY_BUDGETS_URL", instances.get("budget-service-2").url()));
        instances.put(gateway2.name(), gateway2);
    }

    /** An SLA policy with targets of seconds, so that every ticket warns, breaches and escalates during a scenario. */
    private void createFastPolicy() {
        Map<String, Object> targets = new LinkedHashMap<>();
        for (String severity : List.of("S1", "S2", "S3", "S4", "S5")) {
            targets.put(severity, Map.of("firstResponse", "PT5S", "resolution", "PT10S"));
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("id", FAST_POLICY);
        policy.put("name", "Fault tests: seconds");
        policy.put("calendarId", "24x7");
        policy.put("warningThresholds", List.of(75, 90));
        policy.put("targets", targets);
        untilOk(() -> new Http().put(gateways().get(0) + "/api/sla/policies/" + FAST_POLICY, token("admin-setup", "admin"), policy));
    }

    /**
     * The CPU time the fleet's processes (services, gateways, broker; not PostgreSQL) and this JVM have used so far:
     * what the suite costs a machine, whatever else runs on it (wall time on a shared machine says little).
     */
    String cpu() {
        Map<String, Long> seconds = new LinkedHashMap<>();
        stack.pids().forEach((name, pid) -> seconds.put(name, ProcessHandle.of(pid)
                .flatMap(process -> process.info().totalCpuDuration()).map(Duration::toSeconds).orElse(0L)));
        long fleet = seconds.values().stream().mapToLong(Long::longValue).sum();
        long suite = ProcessHandle.current().info().totalCpuDuration().map(Duration::toSeconds).orElse(0L);
        return "CPU so far: live fleet processes " + fleet + " s " + seconds + ", suite JVM " + suite + " s";
    }

    List<String> gateways() {
        return List.of(instances.get("gateway").url(), instances.get("gateway-2").url());
    }

    /** Every service instance by name ({@code sla-service}, {@code sla-service-2}, ...), gateways included. */
    Map<String, Stack.Instance> instances() {
        return instances;
    }

    String token(String user, String role) {
        return tokens.token(user, List.of(role), null);
    }

    String kafkaBootstrap() {
        return stack.config().kafkaBootstrap();
    }

    /** Tries a setup call until it is answered 2xx (at most 60 s): the system may still be catching up. */
    static Http.Reply untilOk(Supplier<Http.Reply> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Http.Reply last;
        do {
            last = call.get();
            if (last.ok()) {
                return last;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Setup call kept failing: " + last);
    }

    @Override
    public void close() {
        stack.close();
        // the databases, the broker's log and the extracted jars (some hundred MB) go; the processes' logs stay
        try (java.util.stream.Stream<Path> entries = Files.list(dataDir)) {
            for (Path entry : entries.filter(p -> !p.getFileName().toString().equals("logs")).toList()) {
                try (java.util.stream.Stream<Path> tree = Files.walk(entry)) {
                    tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            System.out.println("[faults] the processes' logs are in " + dataDir.resolve("logs"));
        } catch (IOException | java.io.UncheckedIOException e) {
            System.out.println("[faults] could not clean " + dataDir + ": " + e);
        }
    }
}
