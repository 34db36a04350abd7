package dev.helpdesk.gateway.correlation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
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

    /** Runs a logging action with this exchange's correlation id in the MDC (reactive code hops threads). */
    public static void withCorrelationId(ServerWebExchange exchange, Runnable logging) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            logging.run();
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
            logging.run();
        }
    }
}
