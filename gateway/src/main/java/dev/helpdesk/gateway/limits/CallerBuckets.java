package dev.helpdesk.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The callers' request buckets: one per token subject ({@code user:<sub>}), and a smaller one per client address for
 * requests without a valid token ({@code address:<ip>}), so that a flood of missing or invalid tokens from one
 * address is cut off without touching the signed-in users behind the same address.
 *
 * <p>With a shared store (the gateway's database), every instance takes from the same buckets; the take runs on
 * {@code storeScheduler}, never on the event loop. When the store fails or answers later than {@code storeTimeout},
 * the request is counted in this instance's own buckets instead (metric
 * {@code helpdesk.gateway.rate.limit.store.failures}): the limit then holds per instance, as without a store, and
 * the API stays up (docs/security.md, "Rate limits"). A take that timed out may still complete in the store
 * afterwards, so such a request can count in both: the error is on the strict side. Without a store, only this
 * instance's buckets count.
 */
public class CallerBuckets {

    private static final Logger log = LoggerFactory.getLogger(CallerBuckets.class);

    private final RequestBuckets localUsers;
    private final RequestBuckets localAddresses;
    private final Shared shared;

    private CallerBuckets(RequestBuckets localUsers, RequestBuckets localAddresses, Shared shared) {
        this.localUsers = localUsers;
        this.localAddresses = localAddresses;
        this.shared = shared;
    }

    /** Buckets in this instance's memory only. */
    public static CallerBuckets local(RateLimitSettings settings) {
        return new CallerBuckets(localUsers(settings), localAddresses(settings), null);
    }

    /** Buckets shared by every instance through {@code users} and {@code addresses}, this instance's as fallback. */
    public static CallerBuckets shared(RateLimitSettings settings, SharedRequestBuckets users,
                                       SharedRequestBuckets addresses, Scheduler storeScheduler, MeterRegistry meters) {
        Counter failures = Counter.builder("helpdesk.gateway.rate.limit.store.failures")
                .description("Rate-limit takes that fell back to this instance's buckets: the shared store failed or was slow")
                .register(meters);
        return new CallerBuckets(localUsers(settings), localAddresses(settings),
                new Shared(users, addresses, storeScheduler, settings.storeTimeout(), failures));
    }

    /** Takes one request of a token's subject: empty when allowed, else how long to wait. */
    public Mono<Optional<Duration>> takeForUser(String subject) {
        String key = "user:" + subject;
        return shared == null ? Mono.fromSupplier(() -> localUsers.take(key)) : shared.take(shared.users, key, localUsers);
    }

    /** Takes one request of a client without a valid token: empty when allowed, else how long to wait. */
    public Mono<Optional<Duration>> takeForAddress(String address) {
        String key = "address:" + address;
        return shared == null ? Mono.fromSupplier(() -> localAddresses.take(key))
                : shared.take(shared.addresses, key, localAddresses);
    }

    public boolean isShared() {
        return shared != null;
    }

    void forgetIdleCallers() {
        localUsers.forgetIdleCallers();
        localAddresses.forgetIdleCallers();
    }

    private static RequestBuckets localUsers(RateLimitSettings settings) {
        return new RequestBuckets(settings.capacity(), settings.refillPerSecond());
    }

    private static RequestBuckets localAddresses(RateLimitSettings settings) {
        return new RequestBuckets(settings.anonymousCapacity(), settings.anonymousRefillPerSecond());
    }

    private record Shared(SharedRequestBuckets users, SharedRequestBuckets addresses, Scheduler scheduler,
                          Duration timeout, Counter failures, AtomicLong lastWarning) {

        Shared(SharedRequestBuckets users, SharedRequestBuckets addresses, Scheduler scheduler, Duration timeout,
               Counter failures) {
            this(users, addresses, scheduler, timeout, failures, new AtomicLong());
        }

        Mono<Optional<Duration>> take(SharedRequestBuckets buckets, String key, RequestBuckets fallback) {
            return Mono.fromCallable(() -> buckets.take(key))
                    .subscribeOn(scheduler)
                    .timeout(timeout)
                    .onErrorResume(failure -> {
                        failures.increment();
                        warnAtMostEvery(Duration.ofSeconds(10), failure, key);
                        return Mono.fromSupplier(() -> fallback.take(key));
                    });
        }

        /** One line per interval, not one per request, while the store is down. */
        private void warnAtMostEvery(Duration interval, Throwable failure, String key) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if ((last == 0 || now - last >= interval.toNanos()) && lastWarning.compareAndSet(last, now)) {
                log.warn("Rate-limit store failed ({}); counting {} in this instance's buckets",
                        failure.toString(), key.substring(0, key.indexOf(':')));
            }
        }
    }
}
