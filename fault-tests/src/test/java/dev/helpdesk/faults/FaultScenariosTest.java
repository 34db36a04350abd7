package dev.helpdesk.faults;

import dev.helpdesk.localstack.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19: the whole system scaled out (two instances of each service, two gateways) under a steady load of four
 * portals, through three faults: one instance of each service killed with -9, the Kafka broker stopped for 20 s,
 * the sla-service's database cut off for 20 s. After each, nothing accepted is lost and nothing is raised twice,
 * every refusal was a 503 problem within the gateway's timeout, and every process recovered by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosTest {

    private static final Duration STEADY = Duration.ofSeconds(8);
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(150);
    /** How long an operator's view may take to show the fault (readiness, metrics), on a loaded machine. */
    private static final Duration OBSERVE = Duration.ofSeconds(40);

    private Fleet fleet;
    private final OperatorView operator = new OperatorView();

    private final long suiteStarted = System.nanoTime();

    @BeforeAll
    void startFleet() throws Exception {
        fleet = Fleet.start();
    }

    /** Each scenario starts from a whole fleet, even when an earlier one failed with an instance down. */
    @BeforeEach
    void everyInstanceRuns() throws Exception {
        List<String> dead = fleet.instances().keySet().stream().filter(name -> !fleet.stack.isAlive(name)).toList();
        if (!dead.isEmpty()) {
            System.out.println("[faults] starting again what an earlier scenario left down: " + dead);
            restartAll(dead);
        }
        // an instance an earlier scenario restarted may still be starting (its wait gave up on a loaded machine)
        await("every instance ready before the scenario").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> readinessOf(all()).values().stream().allMatch(status -> status == 200));
    }

    @AfterAll
    void stopFleet() {
        if (fleet != null) {
            long stopping = System.nanoTime();
            fleet.close();
            System.out.println("[faults] fleet stopped in " + seconds(stopping) + " s; the suite took " + seconds(suiteStarted) + " s");
        }
    }

    @Test
    @Order(1)
    void killingOneInstanceOfEachServiceMidLoadLosesNothingAndRaisesNothingTwice() throws Exception {
        // one instance of each service, two behind each gateway, so both gateways lose something
        List<String> victims = List.of("ticket-service", "sla-service-2", "escalation-service", "budget-service-2");
        Load load = Load.start(fleet, "kill");
        Map<String, Long> pids = pids();
        pace(STEADY);
        for (String victim : victims) {
            fleet.stack.kill(victim);
        }
        long killedAt = System.nanoTime();
        System.out.println("[faults] killed with -9: " + victims);
        restartAll(victims);
        System.out.println("[faults] restarted and ready after " + seconds(killedAt) + " s: " + victims + "; " + fleet.cpu());
        pace(STEADY);
        load.stop();

        verify("one instance of each service killed with -9", load, pids, Set.copyOf(victims));
    }

    @Test
    @Order(2)
    void stoppingTheKafkaBrokerFor20SecondsMidLoadLosesNothingAndEveryServiceRecoversByItself() throws Exception {
        Load load = Load.start(fleet, "broker");
        Map<String, Long> pids = pids();
        pace(STEADY);
        long stoppedAt = System.nanoTime();
        fleet.stack.stopKafka();
        System.out.println("[faults] Kafka broker stopped");
        try {
            await("every service instance reports not ready").atMost(OBSERVE).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(readinessOf(services())).allSatisfy((name, status) ->
                            assertThat(status).as(name).isEqualTo(503)));
            System.out.println("[faults] every service instance not ready " + seconds(stoppedAt) + " s after the stop");
            assertThat(readinessOf(gateways())).allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo(200));
            Stack.Instance sla = fleet.instances().get("sla-service");
            await("the lag of sla-service is seen to be stale").atMost(OBSERVE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> operator.metric(sla, "helpdesk_kafka_consumer_lag_age_seconds", "group=\"sla-service\"")
                            .orElse(0) > 10);
            System.out.println("[faults] during the outage: every service not ready, gateways ready, lag age "
                    + operator.metric(sla, "helpdesk_kafka_consumer_lag_age_seconds", "group=\"sla-service\"") + " s");
            pace(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stoppedAt)));
        } finally {
            fleet.stack.startKafka(); // whatever failed above, the next scenario has a broker
        }
        System.out.println("[faults] Kafka broker started again after " + (System.nanoTime() - stoppedAt) / 1_000_000 + " ms");
        pace(STEADY);
        load.stop();

        verify("Kafka broker stopped for 20 s", load, pids, Set.of());
    }

    @Test
    @Order(3)
    void cuttingOffTheSlaDatabaseFor20SecondsMidLoadLosesNothingAndTheServiceRecoversByItself() throws Exception {
        Load load = Load.start(fleet, "database");
        Map<String, Long> pids = pids();
        pace(STEADY);
        long cutAt = System.nanoTime();
        fleet.stack.disconnectDatabase("sla");
        System.out.println("[faults] database sla cut off");
        List<Stack.Instance> sla = List.of(fleet.instances().get("sla-service"), fleet.instances().get("sla-service-2"));
        try {
            await("both sla-service instances report not ready").atMost(OBSERVE).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(readinessOf(sla)).allSatisfy((name, status) ->
                            assertThat(status).as(name).isEqualTo(503)));
            System.out.println("[faults] both sla-service instances not ready " + seconds(cutAt) + " s after the cut");
            assertThat(readinessOf(services().stream().filter(i -> !sla.contains(i)).toList()))
                    .allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo(200));
            AtomicReference<Double> lag = new AtomicReference<>(0.0);
            await("the sla-service group's lag grows").atMost(OBSERVE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        lag.set(operator.metric(sla.get(0), "helpdesk_kafka_consumer_lag", "group=\"sla-service\"").orElse(0));
                        return lag.get() > 0;
                    });
            System.out.println("[faults] during the outage: sla-service not ready (both), the others ready, sla-service lag "
                    + lag.get() + " records");
            pace(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - cutAt)));
        } finally {
            fleet.stack.reconnectDatabase("sla"); // whatever failed above, the next scenario has its database
        }
        System.out.println("[faults] database sla reachable again after " + (System.nanoTime() - cutAt) / 1_000_000 + " ms");
        pace(STEADY);
        load.stop();

        assertThat(load.ledger.refusedTotal()).as("commands to the sla-service refused during the outage").isPositive();
        verify("the sla-service's database cut off for 20 s", load, pids, Set.of());
        assertThat(operator.metric(sla.get(0), "helpdesk_kafka_consumer_lag", "group=\"sla-service\""))
                .as("lag gauge after recovery").isPresent();
    }

    /** Waits until every promise holds (or fails with what does not), then prints the counts. */
    private void verify(String scenario, Load load, Map<String, Long> pidsBefore, Set<String> restarted) throws Exception {
        AtomicReference<Evidence> last = new AtomicReference<>();
        long settling = System.nanoTime();
        try {
            await(scenario).atMost(SETTLE).pollInterval(Duration.ofSeconds(3)).until(() -> {
                last.set(Evidence.gather(fleet, load.organizations(), load.ledger));
                return last.get().failures().isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(scenario + ": after " + SETTLE.toSeconds() + " s still " + (last.get() == null
                    ? "no evidence" : last.get().failures().stream().limit(20).collect(Collectors.joining("\n  ", "\n  ", ""))), e);
        }
        Map<String, Integer> readiness = readinessOf(all());
        Map<String, Long> pidsAfter = pids();
        StringBuilder report = new StringBuilder("\n[faults] ===== " + scenario + " =====\n");
        report.append("[faults] commands: ").append(load.ledger.summary()).append('\n');
        load.ledger.violations().stream().limit(20).forEach(v -> report.append("[faults]   violation: ").append(v).append('\n'));
        last.get().counts().forEach((what, count) -> report.append("[faults]   ").append(what).append(": ").append(count).append('\n'));
        report.append("[faults] readiness afterwards: ").append(readiness).append('\n');
        report.append("[faults] ").append(fleet.cpu()).append('\n');
        report.append("[faults] scenario took ").append(seconds(load.startedAt())).append(" s, of which settling ")
                .append(seconds(settling)).append(" s after the load stopped\n");
        System.out.println(report);

        assertThat(load.ledger.violations()).as("answers that break the promise").isEmpty();
        assertThat(load.ledger.acceptedTotal()).isPositive();
        assertThat(readiness).allSatisfy((name, status) -> assertThat(status).as(name + " ready").isEqualTo(200));
        pidsBefore.forEach((name, pid) -> {
            if (!restarted.contains(name)) {
                assertThat(pidsAfter.get(name)).as(name + " was not restarted").isEqualTo(pid);
            }
        });
    }

    private void restartAll(List<String> names) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(names.size());
        try {
            List<Future<?>> started = new ArrayList<>();
            for (String name : names) {
                started.add(starters.submit(() -> {
                    fleet.stack.restartInstance(name);
                    return null;
                }));
            }
            for (Future<?> future : started) {
                future.get();
            }
        } finally {
            starters.shutdownNow();
        }
    }

    private Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        fleet.instances().keySet().forEach(name -> pids.put(name, fleet.stack.pid(name)));
        return pids;
    }

    private List<Stack.Instance> services() {
        return fleet.instances().values().stream().filter(i -> !i.name().startsWith("gateway")).toList();
    }

    private List<Stack.Instance> gateways() {
        return fleet.instances().values().stream().filter(i -> i.name().startsWith("gateway")).toList();
    }

    private List<Stack.Instance> all() {
        return List.copyOf(fleet.instances().values());
    }

    private Map<String, Integer> readinessOf(List<Stack.Instance> instances) {
        return operator.readiness(instances);
    }

    private static long seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e9);
    }

    /** Lets the load run for a while: the length of a phase of the scenario, not a wait for an outcome. */
    private static void pace(Duration phase) throws InterruptedException {
        if (!phase.isNegative()) {
            Thread.sleep(phase.toMillis());
        }
    }

    /** Four portals, two on each gateway, each with a fresh organisation, sharing one ledger. */
    private record Load(List<Portal> portals, Ledger ledger, long startedAt) {

        static Load start(Fleet fleet, String scenario) {
            long startedAt = System.nanoTime();
            Ledger ledger = new Ledger();
            List<Portal> portals = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                portals.add(Portal.open(fleet, fleet.gateways().get(i % 2), scenario + "-" + i, ledger));
            }
            portals.forEach(Portal::start);
            return new Load(portals, ledger, startedAt);
        }

        Set<String> organizations() {
            return portals.stream().map(Portal::organizationId).collect(Collectors.toSet());
        }

        void stop() throws InterruptedException {
            for (Portal portal : portals) {
                portal.stop();
            }
        }
    }
}
