package dev.helpdesk.gateway.problem;

import dev.helpdesk.gateway.correlation.CorrelationIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every failure inside the gateway, its own or on the way to a service, becomes a problem detail. Runs before
 * Boot's default handler, which would render its own JSON shape. Logs with the request's correlation id.
 */
@Component
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final ProblemResponseWriter writer;

    public ProblemErrorHandler(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        Problem problem = GatewayFailures.problemFor(failure);
        CorrelationIdFilter.withCorrelationId(exchange, () -> {
            if (problem.status().is5xxServerError()) {
                log.warn("{} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        problem.status().value(), failure.toString());
            } else {
                log.debug("{} {} answered {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        problem.status().value());
            }
        });
        return writer.write(exchange, problem);
    }
}
