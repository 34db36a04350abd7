package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark 3: from a command's commit (the 201 of opening a ticket) to its SLA clock being visible through the
 * API, while a background load runs at half the capacity measured first in the same run. Goal: p99 at most 50 ms.
 */
final class Propagation {

    private final Stack stack;
    private final Portal portal;
    private final Duration measure;

    Propagation(Stack stack, Portal portal, Duration measure) {
        this.stack = stack;
        this.portal = portal;
        this.measure = measure;
    }

    String run() throws Exception {
        String gateway = stack.gatewayUrl();
        String[] organization = portal.organizationWithContact(gateway);
        LoadRunner.Operation open = client -> portal.openTicket(gateway, organization[1], organization[0]);
        LoadRunner.WarmUp warmUp = LoadRunner.warmUp(4, open, new ProcessCpu(stack));
        LoadResult capacity = LoadRunner.run(4, Duration.ofSeconds(3), Duration.ofSeconds(10), open);
        double backgroundRate = capacity.perSecond() / 2;
        AtomicBoolean running = new AtomicBoolean(true);
        Thread background = new Thread(() -> {
            long intervalNanos = (long) (1e9 / Math.max(0.5, backgroundRate - 1));
            long next = System.nanoTime();
            while (running.get()) {
                try {
                    portal.openTicket(gateway, organization[1], organization[0]);
                } catch (Exception ignored) {
                    // the background load only keeps the system busy
                }
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }, "background-load");
        background.start();
        int samples = Math.max(20, (int) measure.toSeconds() * 5);
        long[] lags = new long[samples];
        Map<String, Instant[]> clientTimes = new LinkedHashMap<>(); // ticket -> {201 received, clock visible}
        int count = 0;
        try {
            for (; count < lags.length; count++) {
                String ticketId = portal.openTicket(gateway, organization[1], organization[0]);
                long committed = System.nanoTime();
                Instant answered = Instant.now();
                while (portal.get(gateway, "/api/sla/tickets/" + ticketId, organization[1]) != 200) {
                    Thread.onSpinWait();
                }
                lags[count] = System.nanoTime() - committed;
                clientTimes.put(ticketId, new Instant[] {answered, Instant.now()});
            }
        } finally {
            running.set(false);
            background.join();
        }
        long[] sorted = Arrays.copyOf(lags, count);
        Arrays.sort(sorted);
        return warmUp.describe() + ".\n\nCapacity measured first (4 clients opening tickets): " + Bench.f(capacity.perSecond()) + " commands/s; "
                + "background load during the measurement: " + Bench.f(backgroundRate) + " commands/s.\n\n"
                + "| samples | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n"
                + "| " + count + " | " + Bench.f(at(sorted, 50)) + " | " + Bench.f(at(sorted, 99)) + " | "
                + Bench.f(sorted[sorted.length - 1] / 1e6) + " |\n\n"
                + "The lag includes one HTTP round trip through the gateway per poll (polled back to back). Goal: p99 <= 50 ms.\n\n"
                + new PropagationStages(stack).table(clientTimes);
    }

    private static double at(long[] sorted, double percentile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
