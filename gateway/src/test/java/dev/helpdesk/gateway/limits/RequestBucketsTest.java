package dev.helpdesk.gateway.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBucketsTest {

    @Test
    void allowsTheCapacityThenSaysHowLongToWait() {
        RequestBuckets buckets = new RequestBuckets(3, 1);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("user:a")).isEmpty();
        }
        assertThat(buckets.take("user:a")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void countsEachCallerOnItsOwn() {
        RequestBuckets buckets = new RequestBuckets(1, 1);
        assertThat(buckets.take("user:a")).isEmpty();
        assertThat(buckets.take("user:a")).isPresent();
        assertThat(buckets.take("user:b")).isEmpty();
        assertThat(buckets.take("address:10.0.0.1")).isEmpty();
    }

    @Test
    void forgetsOnlyCallersWhoseBucketIsFullAgain() {
        RequestBuckets buckets = new RequestBuckets(2, 1);
        buckets.take("user:drained");
        buckets.take("user:drained");
        buckets.forgetIdleCallers();
        assertThat(buckets.callersTracked()).isEqualTo(1);
        assertThat(buckets.take("user:drained")).isPresent();
    }

    @Test
    void roundsRetryAfterUpToWholeSecondsOfAtLeastOne() {
        assertThat(RequestBuckets.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(RequestBuckets.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(RequestBuckets.retryAfterSeconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(RequestBuckets.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo(3);
    }
}
