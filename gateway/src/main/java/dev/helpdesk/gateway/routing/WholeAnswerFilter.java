package dev.helpdesk.gateway.routing;

import dev.helpdesk.gateway.limits.RequestLimits;
import dev.helpdesk.gateway.problem.UnfinishedAnswerException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.Set;

/**
 * The answer to a command (every method but GET, HEAD and OPTIONS) reaches the client whole or not at all. The
 * gateway reads the service's answer to its end before it sends the status line, so a service that dies half way
 * through its answer (killed, its connection reset) leaves the client a 503 problem it can act on, never a 201 whose
 * body is cut off. The command may have been applied by then: the problem says so, and a client sending it again with
 * the same {@code Idempotency-Key} gets the stored answer or the command applied once. Reads stream as before (an
 * export can be large, and a cut read is safe to repeat).
 *
 * <p>Commands are answered with small JSON documents; one larger than {@code helpdesk.gateway.max-command-answer-size}
 * is refused with a 502 problem rather than held in memory.
 */
@Component
public class WholeAnswerFilter implements GlobalFilter, Ordered {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final int maxAnswerBytes;

    public WholeAnswerFilter(RequestLimits limits) {
        this.maxAnswerBytes = (int) Math.min(Integer.MAX_VALUE, limits.maxCommandAnswerSize().toBytes());
    }

    @Override
    public int getOrder() {
        // around the filter that writes the service's answer: its writeWith is the one decorated here
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (READS.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        ServerHttpResponse original = exchange.getResponse();
        // the gateway's own headers (correlation id, CORS, security headers); the service's are added on top of them
        HttpHeaders gatewayHeaders = new HttpHeaders();
        gatewayHeaders.putAll(original.getHeaders());
        ServerHttpResponse whole = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return DataBufferUtils.join(Flux.from(body), maxAnswerBytes)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty()) // a command answered without a body (204)
                        .onErrorMap(failure -> {
                            // nothing was sent: the problem's status and headers replace the service's
                            getHeaders().clear();
                            getHeaders().putAll(gatewayHeaders);
                            return failure instanceof DataBufferLimitException
                                    ? UnfinishedAnswerException.tooLarge(maxAnswerBytes, failure)
                                    : UnfinishedAnswerException.cutOff(failure);
                        })
                        .flatMap(answer -> {
                            if (answer.isEmpty()) {
                                return super.writeWith(Flux.empty());
                            }
                            HttpHeaders headers = getHeaders();
                            headers.remove(HttpHeaders.TRANSFER_ENCODING);
                            headers.setContentLength(answer.get().readableByteCount());
                            return super.writeWith(Mono.just(answer.get()));
                        });
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return writeWith(Flux.from(body).concatMap(Flux::from));
            }
        };
        return chain.filter(exchange.mutate().response(whole).build());
    }
}
