package dev.helpdesk.gateway.limits;

import dev.helpdesk.gateway.problem.Problem;
import dev.helpdesk.gateway.problem.ProblemResponseWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Refuses, as problems, a path and query longer than {@code helpdesk.gateway.max-uri-length} (414) and headers
 * larger than {@code helpdesk.gateway.max-header-size} (431). Netty's own decoder would answer both with an empty
 * body, so its limits ({@code server.netty.max-initial-line-length}, {@code server.max-http-request-header-size})
 * are set well above these and only catch the absurd; this filter, first in line, answers everything below them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RequestHeadLimitFilter implements WebFilter {

    private final int maxUriLength;
    private final long maxHeaderBytes;
    private final ProblemResponseWriter writer;

    public RequestHeadLimitFilter(RequestLimits limits, ProblemResponseWriter writer) {
        this.maxUriLength = limits.maxUriLength();
        this.maxHeaderBytes = limits.maxHeaderSize().toBytes();
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String rawQuery = request.getURI().getRawQuery();
        int uriLength = request.getURI().getRawPath().length() + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (uriLength > maxUriLength) {
            return writer.write(exchange, Problem.uriTooLong(maxUriLength));
        }
        if (headerBytes(request) > maxHeaderBytes) {
            return writer.write(exchange, Problem.headersTooLarge(maxHeaderBytes));
        }
        return chain.filter(exchange);
    }

    /** The size of the header lines as sent ({@code name: value\r\n}), as Netty counts it. */
    private static long headerBytes(ServerHttpRequest request) {
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().getBytes(StandardCharsets.ISO_8859_1).length + 2
                        + value.getBytes(StandardCharsets.ISO_8859_1).length + 2;
            }
        }
        return bytes;
    }
}
