package dev.helpdesk.gateway.cors;

import dev.helpdesk.gateway.correlation.CorrelationIdFilter;
import dev.helpdesk.gateway.problem.Problem;
import dev.helpdesk.gateway.problem.ProblemResponseWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * CORS for the configured portal origins, inside the security chain so that a preflight is answered before any
 * token check. A refused origin gets a 403 problem. Bearer tokens, not cookies: no credentials mode. Not a bean: Boot
 * would also run every WebFilter bean a second time outside the security chain.
 */
public class PortalCorsFilter implements WebFilter {

    private final CorsConfiguration configuration;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemResponseWriter writer;

    public PortalCorsFilter(CorsSettings settings, ProblemResponseWriter writer) {
        this.writer = writer;
        configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(settings.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
                HttpHeaders.IF_MATCH, "Idempotency-Key", CorrelationIdFilter.HEADER));
        configuration.setExposedHeaders(List.of(CorrelationIdFilter.HEADER, HttpHeaders.ETAG, HttpHeaders.LOCATION,
                HttpHeaders.RETRY_AFTER, HttpHeaders.CONTENT_DISPOSITION));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofHours(1));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {
            return writer.write(exchange, Problem.corsRefused());
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? exchange.getResponse().setComplete() : chain.filter(exchange);
    }
}
