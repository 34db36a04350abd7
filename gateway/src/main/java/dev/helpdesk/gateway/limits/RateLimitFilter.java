package dev.helpdesk.gateway.limits;

import dev.helpdesk.gateway.problem.Problem;
import dev.helpdesk.gateway.problem.ProblemResponseWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts {@code /api} requests per caller and answers 429 with {@code Retry-After} once the bucket is empty
 * (metric {@code helpdesk_gateway_rate_limited_total}, tag {@code caller}: {@code user} or {@code address}). Sits in
 * the security chain after the token check and before authorisation, so a valid token counts for its subject and a
 * request without one counts for the client address (behind a proxy, set {@code server.forward-headers-strategy}
 * so that this is the real client, not the proxy). A request with an invalid token never gets here: the token check
 * answers it, and {@link RateLimitedAuthenticationEntryPoint} counts it for the address first. Not a bean: Boot
 * would also run every WebFilter bean outside the security chain, counting each request twice.
 */
public class RateLimitFilter implements WebFilter {

    private final RateLimitSettings settings;
    private final CallerBuckets buckets;
    private final ProblemResponseWriter writer;
    private final MeterRegistry meters;

    public RateLimitFilter(RateLimitSettings settings, CallerBuckets buckets, ProblemResponseWriter writer, MeterRegistry meters) {
        this.settings = settings;
        this.buckets = buckets;
        this.writer = writer;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!settings.enabled() || !isApi(exchange)) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .flatMap(authentication -> buckets.takeForUser(authentication.getName()).map(wait -> new Caller("user", wait)))
                .switchIfEmpty(Mono.defer(() -> buckets.takeForAddress(clientAddress(exchange))
                        .map(wait -> new Caller("address", wait))))
                .flatMap(caller -> caller.refill()
                        .map(wait -> refuse(writer, meters, exchange, caller.kind(), wait))
                        .orElseGet(() -> chain.filter(exchange)));
    }

    static boolean isApi(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value().startsWith("/api/");
    }

    static Mono<Void> refuse(ProblemResponseWriter writer, MeterRegistry meters, ServerWebExchange exchange,
                             String callerKind, Duration wait) {
        meters.counter("helpdesk.gateway.rate.limited", "caller", callerKind).increment();
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                Long.toString(RequestBuckets.retryAfterSeconds(wait)));
        return writer.write(exchange, Problem.rateLimited());
    }

    static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private record Caller(String kind, Optional<Duration> refill) {
    }
}
