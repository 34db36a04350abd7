package dev.helpdesk.gateway.portal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import dev.helpdesk.edge.token.TokenSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The portal's static files come from the {@code portal} jar ({@code META-INF/resources}, {@code /} answers its
 * {@code index.html}). In the local stack only, {@code /demo/users} and {@code /demo/sign-in} reach the launcher's
 * demo sign-in, which mints the demo users' tokens: the token travels in a POST answer's body, never in a URL.
 */
@Configuration
@EnableConfigurationProperties(PortalSettings.class)
public class PortalRoutes {

    @Bean
    PortalSignIn portalSignIn(PortalSettings settings, TokenSettings tokens) {
        return new PortalSignIn(settings, tokens);
    }

    @Bean
    PortalHeadersFilter portalHeadersFilter(PortalSignIn signIn) {
        return new PortalHeadersFilter(signIn);
    }

    /** How to sign in here (demo users, OIDC issuer and client id); open to anyone, never cached. */
    @Bean
    RouterFunction<ServerResponse> portalSignInOptions(PortalSignIn signIn) {
        return RouterFunctions.route(RequestPredicates.GET("/portal/sign-in-options"), request -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .bodyValue(signIn.options()));
    }

    /**
     * No route at all unless a demo sign-in is configured. Decided here, when the bean is made, not by a condition on
     * the bean: with Spring AOT (the local stack runs the services that way) a condition is fixed when the jar is
     * built, where no demo sign-in is set.
     */
    @Bean
    RouteLocator demoSignInRoute(RouteLocatorBuilder routes, PortalSettings settings) {
        RouteLocatorBuilder.Builder builder = routes.routes();
        if (settings.demoSignIn()) {
            builder.route("demo-sign-in", route -> route
                    .path("/demo/users", "/demo/sign-in")
                    .and().method(HttpMethod.GET, HttpMethod.POST)
                    .uri(settings.demoSignInUrl()));
        }
        return builder.build();
    }
}
