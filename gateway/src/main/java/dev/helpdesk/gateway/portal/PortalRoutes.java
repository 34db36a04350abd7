package dev.helpdesk.gateway.portal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The portal's static files come from the {@code portal} jar ({@code META-INF/resources}, {@code /} answers its
 * {@code index.html}). In the local stack only, {@code /demo/users} and {@code /demo/sign-in} reach the launcher's
 * demo sign-in, which mints the demo users' tokens: the token travels in a POST answer's body, never in a URL.
 */
@Configuration
@EnableConfigurationProperties(PortalSettings.class)
public class PortalRoutes {

    @Bean
    PortalHeadersFilter portalHeadersFilter(PortalSettings settings) {
        return new PortalHeadersFilter(settings);
    }

    @Bean
    @ConditionalOnExpression("!'${helpdesk.gateway.portal.demo-sign-in-url:}'.isBlank()")
    RouteLocator demoSignInRoute(RouteLocatorBuilder routes, PortalSettings settings) {
        return routes.routes()
                .route("demo-sign-in", route -> route
                        .path("/demo/users", "/demo/sign-in")
                        .and().method(HttpMethod.GET, HttpMethod.POST)
                        .uri(settings.demoSignInUrl()))
                .build();
    }
}
