package dev.helpdesk.gateway.limits;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import reactor.core.scheduler.Schedulers;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the shared store cannot be reached, a request counts in this instance's buckets: the limit holds per
 * instance (never unlimited, never a refusal because of the store), and each fallback is counted.
 */
class CallerBucketsFallbackTest {

    @Test
    void aStoreThatCannotBeReachedFallsBackToThisInstancesBuckets() throws Exception {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:" + portWithNothingListening() + "/gateway");
        unreachable.setConnectTimeout(1);
        var store = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(unreachable)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table("rate_limit_bucket").build();
        RateLimitSettings settings = new RateLimitSettings(true, 100, 1, 3, 1, Duration.ofSeconds(2));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        var scheduler = Schedulers.newBoundedElastic(2, 100, "test-store");
        try {
            CallerBuckets buckets = CallerBuckets.shared(settings,
                    new SharedRequestBuckets(store, 100, 1), new SharedRequestBuckets(store, 3, 1), scheduler, meters);

            for (int i = 0; i < 3; i++) {
                assertThat(buckets.takeForAddress("10.0.0.7").block(Duration.ofSeconds(10))).isEmpty();
            }
            Optional<Duration> fourth = buckets.takeForAddress("10.0.0.7").block(Duration.ofSeconds(10));

            assertThat(fourth).isPresent();
            assertThat(meters.counter("helpdesk.gateway.rate.limit.store.failures").count()).isEqualTo(4);
        } finally {
            scheduler.dispose();
        }
    }

    private static int portWithNothingListening() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
