package dev.helpdesk.gateway.correlation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * First filter of every request: fixes its {@code X-Correlation-Id} (the caller's when safe, else new), forwards it to
 * the service, answers it on every response (also errors and rejections) and writes one access log line with it
 * (MDC key {@code correlationId}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter implements WebFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    private static final String ATTRIBUTE = CorrelationIdFilter.class.getName();
    private static final Logger accessLog = LoggerFactory.getLogger("dev.helpdesk.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = CorrelationIds.resolve(exchange.getRequest().getHeaders().getFirst(HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, id)).build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(ATTRIBUTE, id);
        withId.getResponse().getHeaders().set(HEADER, id);
        // a service's answer brings its own copy of the header; keep exactly one value
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        long started = System.nanoTime();
        return chain.filter(withId).doFinally(signal -> withCorrelationId(withId, () -> {
            HttpStatusCode status = withId.getResponse().getStatusCode();
            accessLog.info("{} {} -> {} in {} ms", request.getMethod(), request.getPath().value(),
                    status == null ? "-" : status.value(), (System.nanoTime() - started) / 1_000_000);
        }));
    }

    /**
     * Runs a logging action with this exchange's correlation id, trace id and span id in the MDC. Reactive code hops
     * threads, and the gateway does not copy the observation into thread locals at every operator
     * ({@code spring.reactor.context-propagation=limited}, about a quarter of its CPU per request, docs/gateway.md), so the
     * ids are taken from the exchange: the correlation id from its attribute, the trace and span from the request's
     * server observation.
     */
    public static void withCorrelationId(ServerWebExchange exchange, Runnable logging) {
        String id = exchange.getAttribute(ATTRIBUTE);
        Span span = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .orElse(null);
        try (MDC.MDCCloseable correlation = id == null ? null : MDC.putCloseable(MDC_KEY, id);
             MDC.MDCCloseable trace = span == null ? null : MDC.putCloseable("traceId", span.context().traceId());
             MDC.MDCCloseable spanId = span == null ? null : MDC.putCloseable("spanId", span.context().spanId())) {
            logging.run();
        }
    }
}
