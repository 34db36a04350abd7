package dev.helpdesk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Runs an operation from N threads for a fixed time (after a warm-up) and records every latency. */
final class LoadRunner {

    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(10);
    /** At most this long ({@code BENCH_WARMUP_SECONDS}, default 240): nine JVMs on two cores may need longer. */
    private static final Duration WARM_UP_MAX = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "240")));
    /** JIT compilers below 5 % of one core over a slice count as settled. */
    private static final double QUIET_JIT = 0.05;

    /** One operation of one client; {@code client} is the thread's index. Throws on failure. */
    interface Operation {
        void run(int client) throws Exception;
    }

    private LoadRunner() {
    }

    static LoadResult run(int clients, Duration warmUp, Duration measure, Operation operation) throws InterruptedException {
        return run(clients, warmUp, measure, operation, null);
    }

    /** As {@link #run(int, Duration, Duration, Operation)}, also taking each process's CPU time over the measurement. */
    static LoadResult run(int clients, Duration warmUp, Duration measure, Operation operation, ProcessCpu cpu)
            throws InterruptedException {
        runFor(clients, warmUp, operation, new ArrayList<>(), new AtomicLong());
        List<long[]> perThread = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        Map<String, Double> cpuBefore = cpu == null ? Map.of() : cpu.snapshot();
        double jitBefore = cpu == null ? 0 : cpu.jitSnapshot();
        long started = System.nanoTime();
        runFor(clients, measure, operation, perThread, failures);
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Double> cpuUsed = cpu == null ? Map.of() : ProcessCpu.between(cpuBefore, cpu.snapshot());
        double jitUsed = cpu == null ? 0 : cpu.jitSnapshot() - jitBefore;
        long[] all = perThread.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        return new LoadResult(all.length, failures.get(), wall, all, cpuUsed, jitUsed);
    }

    /** {@link #warmUp(int, Operation, ProcessCpu, Duration, Duration, double)} in 10 s slices, at most {@code WARM_UP_MAX}, until 5 %. */
    static WarmUp warmUp(int clients, Operation operation, ProcessCpu cpu) throws InterruptedException {
        return warmUp(clients, operation, cpu, WARM_UP_SLICE, WARM_UP_MAX, QUIET_JIT);
    }

    /**
     * Runs the operation in slices until the JIT compilers of the stack's JVMs (and of this one) used less than
     * {@code quietShare} of one core over a slice, or {@code max} has passed: the JIT compilers keep the cores busy for
     * minutes after start (C2 over Reactor's deep call chains especially), and a measurement taken while they work
     * measures compilation. Returns what happened, for the report.
     */
    private static WarmUp warmUp(int clients, Operation operation, ProcessCpu cpu, Duration slice, Duration max,
                                 double quietShare)
            throws InterruptedException {
        long started = System.nanoTime();
        double lastShare;
        do {
            double jitBefore = cpu.jitSnapshot();
            long sliceStarted = System.nanoTime();
            runFor(clients, slice, operation, new ArrayList<>(), new AtomicLong());
            double sliceMillis = (System.nanoTime() - sliceStarted) / 1e6;
            lastShare = (cpu.jitSnapshot() - jitBefore) / sliceMillis;
        } while (lastShare >= quietShare && System.nanoTime() - started < max.toNanos());
        return new WarmUp(Duration.ofNanos(System.nanoTime() - started), lastShare, lastShare < quietShare);
    }

    /** How long a warm-up ran and the share of one core the JIT compilers used in its last slice. */
    record WarmUp(Duration took, double lastJitShare, boolean settled) {

        String describe() {
            return "JIT warm-up " + took.toSeconds() + " s, until the JIT compilers of all JVMs used "
                    + Math.round(lastJitShare * 100) + " % of one core over the last slice"
                    + (settled ? "" : " (still compiling when the warm-up's time ran out)");
        }
    }

    private static void runFor(int clients, Duration duration, Operation operation, List<long[]> results, AtomicLong failures)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int id = client;
            Thread thread = new Thread(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        operation.run(id);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        continue;
                    }
                    if (count == latencies.length) {
                        latencies = java.util.Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = System.nanoTime() - start;
                }
                synchronized (results) {
                    results.add(java.util.Arrays.copyOf(latencies, count));
                }
            }, "load-" + client);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
