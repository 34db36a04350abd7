package dev.helpdesk.pipeline.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code kafka}: UP while the broker answers a cluster description within the probe's timeout, DOWN otherwise.
 * An answer is reused for {@code healthTtl}, so frequent probes cost the broker one call per TTL. In the readiness
 * group of every service (its {@code management.endpoint.health.group.readiness.include}).
 */
public class KafkaHealthIndicator implements HealthIndicator {

    private final KafkaProbe probe;
    private final Duration ttl;
    private final Clock clock;
    private Health last;
    private Instant checkedAt = Instant.MIN;

    public KafkaHealthIndicator(KafkaProbe probe, Duration ttl, Clock clock) {
        this.probe = probe;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(checkedAt.plus(ttl))) {
            last = check();
            checkedAt = clock.instant();
        }
        return last;
    }

    private Health check() {
        try {
            return Health.up().withDetail("brokers", probe.brokers()).build();
        } catch (Exception e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
