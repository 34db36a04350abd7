package dev.helpdesk.gateway.limits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** The callers' request buckets of this instance, and their periodic clean-up so memory stays bounded. */
@Configuration
public class RateLimitConfig {

    private final CallerBuckets buckets;

    public RateLimitConfig(RateLimitSettings settings) {
        this.buckets = CallerBuckets.of(settings);
    }

    @Bean
    CallerBuckets callerBuckets() {
        return buckets;
    }

    @Scheduled(fixedDelayString = "${helpdesk.gateway.rate-limit.sweep-interval:PT1M}")
    void forgetIdleCallers() {
        buckets.forgetIdleCallers();
    }
}
