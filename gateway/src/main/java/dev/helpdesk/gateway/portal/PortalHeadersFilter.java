package dev.helpdesk.gateway.portal;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the portal's Content-Security-Policy on every answer except the Swagger UI's (whose page needs its own
 * scripts' inline styles): API answers carry it too, which costs nothing and protects a JSON body opened as a page.
 */
public class PortalHeadersFilter implements WebFilter, Ordered {

    private final String contentSecurityPolicy;

    public PortalHeadersFilter(PortalSignIn signIn) {
        this.contentSecurityPolicy = signIn.contentSecurityPolicy();
    }

    /** Before the security chain, so that its refusals carry the headers too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/swagger-ui") && !path.startsWith("/webjars/")) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", contentSecurityPolicy);
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
        }
        return chain.filter(exchange);
    }
}
