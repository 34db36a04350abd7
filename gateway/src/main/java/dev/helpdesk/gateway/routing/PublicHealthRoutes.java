package dev.helpdesk.gateway.routing;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.health.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The one piece of the actuator on the public port: {@code /actuator/health} and its {@code liveness} and
 * {@code readiness} groups, as API.md promises. The actuator itself (with {@code /actuator/prometheus}) listens on
 * the management port ({@code management.server.port}), which is never published; these routes answer from the same
 * health endpoint, without details, so probes and portals keep their address.
 */
@Configuration
public class PublicHealthRoutes {

    @Bean
    RouterFunction<ServerResponse> publicHealth(ReactiveHealthEndpointWebExtension health) {
        return RouterFunctions.route()
                .GET("/actuator/health", request -> answer(health))
                .GET("/actuator/health/liveness", request -> answer(health, "liveness"))
                .GET("/actuator/health/readiness", request -> answer(health, "readiness"))
                .build();
    }

    private static Mono<ServerResponse> answer(ReactiveHealthEndpointWebExtension health, String... group) {
        return health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, group)
                .flatMap(response -> response.getBody() == null
                        ? Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND))
                        : ServerResponse.status(response.getStatus()).contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(response.getBody()));
    }
}
