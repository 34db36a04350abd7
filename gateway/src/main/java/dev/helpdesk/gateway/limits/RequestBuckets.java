package dev.helpdesk.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per caller, in this gateway instance's memory: the limiter without the gateway's database, and the
 * fallback when that database fails ({@link CallerBuckets}); {@link SharedRequestBuckets} is the shared one.
 */
public class RequestBuckets {

    private final long capacity;
    private final long refillPerSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RequestBuckets(long capacity, long refillPerSecond) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
    }

    /** Takes one request from the caller's bucket: empty when allowed, else how long to wait. */
    public Optional<Duration> take(String caller) {
        ConsumptionProbe probe = buckets.computeIfAbsent(caller, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Forgets callers whose bucket is full again: a full bucket is the same as a new one, so nothing changes for them. */
    public void forgetIdleCallers() {
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= capacity);
    }

    int callersTracked() {
        return buckets.size();
    }

    /** Whole seconds a client should wait, at least one (the value of {@code Retry-After}). */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)))
                .build();
    }
}
