package dev.helpdesk.gateway.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One token bucket per caller in the gateway's PostgreSQL database, so that every gateway instance takes from the
 * same bucket. Each take is one short transaction (select for update, update): it blocks, so callers run it off
 * the event loop ({@link CallerBuckets}). A failing store throws; the caller decides what then.
 */
public class SharedRequestBuckets {

    private final ProxyManager<String> store;
    private final Supplier<BucketConfiguration> configuration;

    public SharedRequestBuckets(ProxyManager<String> store, long capacity, long refillPerSecond) {
        this.store = store;
        BucketConfiguration limit = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)))
                .build();
        this.configuration = () -> limit;
    }

    /** Takes one request from the caller's shared bucket: empty when allowed, else how long to wait. Blocks. */
    public Optional<Duration> take(String caller) {
        ConsumptionProbe probe = store.builder().build(caller, configuration).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
