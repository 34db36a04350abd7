package dev.helpdesk.faults;

import dev.helpdesk.localstack.DemoTokens;
import dev.helpdesk.localstack.Stack;
import dev.helpdesk.localstack.StackConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static final String SECRET = "fault-test-secret-0123456789-0123456789-abcdef";

    final Stack stack;
    private final DemoTokens tokens = new DemoTokens(SECRET, StackConfig.LOCAL_ISSUER, StackConfig.LOCAL_AUDIENCE,
            Duration.ofHours(2));
    private final Map<String, Stack.Instance> instances = new LinkedHashMap<>();

    private Fleet(Stack stack) {
        this.stack = stack;
    }

    static Fleet start() throws Exception {
        Path dataDir = Files.createTempDirectory("helpdesk-fault-test");
        Map<String, String> env = new HashMap<>();
        env.put("HELPDESK_HOME", Path.of("..").toAbsolutePath().normalize().toString());
        env.put("HELPDESK_DATA_DIR", dataDir.toString());
        env.put("HELPDESK_JWT_SECRET", SECRET);
        env.put("HELPDESK_DB_PORT", Integer.toString(freePort()));
        env.put("HELPDESK_KAFKA_PORT", Integer.toString(freePortPair()));
        for (String variable : new String[] {"TICKET_SERVICE_PORT", "SLA_SERVICE_PORT", "ESCALATION_SERVICE_PORT",
                "BUDGET_SERVICE_PORT", "GATEWAY_PORT", "HELPDESK_TICKETS_MANAGEMENT_PORT", "HELPDESK_SLA_MANAGEMENT_PORT",
                "HELPDESK_ESCALATIONS_MANAGEMENT_PORT", "HELPDESK_BUDGETS_MANAGEMENT_PORT", "HELPDESK_GATEWAY_MANAGEMENT_PORT"}) {
            env.put(variable, Integer.toString(freePort()));
        }
        env.put("HELPDESK_JAVA_OPTS", "-Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k");
        Stack stack = Stack.start(StackConfig.fromEnvironment(env, false), line -> System.out.println("[faults] " + line));
        Fleet fleet = new Fleet(stack);
        try {
            fleet.startSecondInstances();
            fleet.createFastPolicy();
            return fleet;
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
    }

    private void startSecondInstances() throws Exception {
        for (String service : SERVICES) {
            instances.put(service, stack.instance(service));
        }
        instances.put("gateway", stack.instance("gateway"));
        ExecutorService starters = Executors.newFixedThreadPool(SERVICES.length);
        try {
            List<Future<Stack.Instance>> seconds = new ArrayList<>();
            for (String service : SERVICES) {
                seconds.add(starters.submit(() -> stack.startInstance(service, Map.of())));
            }
            for (Future<Stack.Instance> second : seconds) {
                Stack.Instance instance = second.get();
                instances.put(instance.name(), instance);
                System.out.println("[faults] " + instance.name() + " is ready on " + instance.url());
            }
        } finally {
            starters.shutdownNow();
        }
        Stack.Instance gateway2 = stack.startInstance("gateway", Map.of(
                "TICKET_SERVICE_URL", instances.get("ticket-service-2").url(),
                "SLA_SERVICE_URL", instances.get("sla-service-2").url(),
                "ESCALATION_SERVICE_URL", instances.get("escalation-service-2").url(),
                "BUDGET_SERVICE_URL", instances.get("budget-service-2").url()));
        instances.put(gateway2.name(), gateway2);
        System.out.println("[faults] gateway-2 is ready on " + gateway2.url() + ", in front of the second instances");
    }

    /** An SLA policy with targets of seconds, so that every ticket warns, breaches and escalates during a scenario. */
    private void createFastPolicy() {
        Map<String, Object> targets = new LinkedHashMap<>();
        for (String severity : List.of("S1", "S2", "S3", "S4", "S5")) {
            targets.put(severity, Map.of("firstResponse", "PT10S", "resolution", "PT20S"));
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("id", FAST_POLICY);
        policy.put("name", "Fault tests: seconds");
        policy.put("calendarId", "24x7");
        policy.put("warningThresholds", List.of(75, 90));
        policy.put("targets", targets);
        untilOk(() -> new Http().put(gateways().get(0) + "/api/sla/policies/" + FAST_POLICY, token("admin-setup", "admin"), policy));
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
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A free port whose successor is free too (Kafka's controller listens on the next port). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            if (port < 65535) {
                try (ServerSocket next = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("No two consecutive free ports found");
    }
}
