package dev.helpdesk.gateway.limits;

import dev.helpdesk.gateway.problem.PayloadTooLargeException;
import dev.helpdesk.gateway.problem.Problem;
import dev.helpdesk.gateway.problem.ProblemResponseWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses request bodies over their route's limit with 413: attachment uploads
 * ({@code POST /api/tickets/{id}/attachments}) up to {@code helpdesk.gateway.max-request-size}, every other request
 * up to {@code helpdesk.gateway.max-json-body-size}. At once when {@code Content-Length} says so (nothing is read or
 * sent on), and while streaming when a body without a length grows past it. The route decides, never the
 * client's {@code Content-Type}: a multipart body sent to a JSON route gets the JSON limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter implements WebFilter {

    private static final PathPattern ATTACHMENT_UPLOAD = PathPatternParser.defaultInstance.parse("/api/tickets/{id}/attachments");

    private final long maxUploadBytes;
    private final long maxJsonBytes;
    private final ProblemResponseWriter writer;

    public BodySizeLimitFilter(RequestLimits limits, ProblemResponseWriter writer) {
        this.maxUploadBytes = limits.maxRequestSize().toBytes();
        this.maxJsonBytes = limits.maxJsonBodySize().toBytes();
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long maxBytes = limitOf(exchange.getRequest());
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return writer.write(exchange, Problem.payloadTooLarge());
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw new PayloadTooLargeException();
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private long limitOf(ServerHttpRequest request) {
        boolean upload = HttpMethod.POST.equals(request.getMethod())
                && ATTACHMENT_UPLOAD.matches(request.getPath().pathWithinApplication());
        return upload ? maxUploadBytes : maxJsonBytes;
    }
}
