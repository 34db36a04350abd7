package dev.helpdesk.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * What a load run measured: operations, failures, wall time, the latency distribution and, when asked for, the CPU
 * milliseconds each process used during the measurement (empty otherwise), of which {@code jitMillis} in JIT compiler
 * threads.
 */
record LoadResult(long operations, long failures, Duration wallTime, long[] latenciesNanos, Map<String, Double> cpuMillis,
                  double jitMillis) {

    /** CPU milliseconds the JIT compilers spent per operation (part of {@link #cpuMillisPerOperation()}). */
    double jitMillisPerOperation() {
        return jitMillis / Math.max(1, operations);
    }

    /** CPU milliseconds one operation cost in the named process. */
    double cpuMillisPerOperation(String process) {
        return cpuMillis.getOrDefault(process, 0.0) / Math.max(1, operations);
    }

    double cpuMillisPerOperation() {
        return cpuMillis.values().stream().mapToDouble(Double::doubleValue).sum() / Math.max(1, operations);
    }

    long coresBusyPercent() {
        return ProcessCpu.coresBusyPercent(cpuMillis, wallTime.toNanos() / 1e9);
    }

    double perSecond() {
        return operations / (wallTime.toNanos() / 1e9);
    }

    double percentileMillis(double percentile) {
        if (latenciesNanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    double maxMillis() {
        return Arrays.stream(latenciesNanos).max().orElse(0) / 1e6;
    }
}
