package dev.helpdesk.bench;

import java.time.Duration;
import java.util.Arrays;

/** What a load run measured: operations, failures, wall time and the latency distribution. */
record LoadResult(long operations, long failures, Duration wallTime, long[] latenciesNanos) {

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
