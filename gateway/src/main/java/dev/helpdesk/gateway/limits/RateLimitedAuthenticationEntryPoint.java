package dev.helpdesk.gateway.limits;

import dev.helpdesk.gateway.problem.ProblemResponseWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The answer to a request whose token is invalid (expired, forged, malformed): counted against the client
 * address's bucket of requests without a valid token, 429 with {@code Retry-After} once it is empty, else the
 * usual 401. So guessing or replaying tokens from one address is slowed down like calling without one.
 */
public class RateLimitedAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final RateLimitSettings settings;
    private final CallerBuckets buckets;
    private final ServerAuthenticationEntryPoint unauthorized;
    private final ProblemResponseWriter writer;
    private final MeterRegistry meters;

    public RateLimitedAuthenticationEntryPoint(RateLimitSettings settings, CallerBuckets buckets,
                                               ServerAuthenticationEntryPoint unauthorized,
                                               ProblemResponseWriter writer, MeterRegistry meters) {
        this.settings = settings;
        this.buckets = buckets;
        this.unauthorized = unauthorized;
        this.writer = writer;
        this.meters = meters;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (!settings.enabled() || !RateLimitFilter.isApi(exchange)) {
            return unauthorized.commence(exchange, failure);
        }
        return buckets.takeForAddress(RateLimitFilter.clientAddress(exchange))
                .flatMap(refill -> refill
                        .map(wait -> RateLimitFilter.refuse(writer, meters, exchange, "address", wait))
                        .orElseGet(() -> unauthorized.commence(exchange, failure)));
    }
}
