package dev.helpdesk.gateway.security;

import dev.helpdesk.edge.token.TokenSettings;
import dev.helpdesk.gateway.cors.CorsSettings;
import dev.helpdesk.gateway.cors.PortalCorsFilter;
import dev.helpdesk.gateway.limits.CallerBuckets;
import dev.helpdesk.gateway.limits.RateLimitFilter;
import dev.helpdesk.gateway.limits.RateLimitSettings;
import dev.helpdesk.gateway.limits.RateLimitedAuthenticationEntryPoint;
import dev.helpdesk.gateway.problem.ProblemResponseWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * Coarse rules at the door; object-level rules (tenants) stay in the services, which check the same token again.
 * Every {@code /api} request needs a valid token; admin paths need {@code admin} (projection replays: {@code admin} or {@code analyst}); the raw event history needs
 * {@code analyst} (or {@code admin}). Health and API documents are open; nothing else is served (metrics are on the
 * management port, see {@code PublicHealthRoutes}).
 */
@Configuration
@EnableWebFluxSecurity
@EnableConfigurationProperties(TokenSettings.class)
public class GatewaySecurityConfig {

    static final String[] PUBLIC_PATHS = {"/actuator/health", "/actuator/health/**", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ProblemSecurityResponses problems,
                                           ProblemResponseWriter writer, CorsSettings corsSettings,
                                           RateLimitSettings rateLimitSettings, CallerBuckets buckets,
                                           MeterRegistry meters) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(new PortalCorsFilter(corsSettings, writer), SecurityWebFiltersOrder.CORS)
                .addFilterBefore(new RateLimitFilter(rateLimitSettings, buckets, writer, meters),
                        SecurityWebFiltersOrder.EXCEPTION_TRANSLATION)
                .authorizeExchange(paths -> paths
                        .pathMatchers(PUBLIC_PATHS).permitAll()
                        // analysts run replays (DOMAIN.md: "run replays and what-if simulations"); the rest is admin's
                        .pathMatchers("/api/admin/*/replays", "/api/admin/*/replays/**").hasAnyRole("admin", "analyst")
                        .pathMatchers("/api/admin/**").hasRole("admin")
                        .pathMatchers("/api/events/**").hasAnyRole("analyst", "admin")
                        .pathMatchers("/api/**").authenticated()
                        // nothing else is routed or served: such paths answer 404
                        .anyExchange().permitAll())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenConverter(bearerTokensOutsidePublicPaths())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter()))
                        // an invalid token counts against its address's bucket of requests without a valid token
                        .authenticationEntryPoint(new RateLimitedAuthenticationEntryPoint(
                                rateLimitSettings, buckets, problems, writer, meters))
                        .accessDeniedHandler(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /**
     * Open paths ignore any token: a probe or a docs page sent with a stale token still gets its answer instead of
     * a 401.
     */
    private static ServerAuthenticationConverter bearerTokensOutsidePublicPaths() {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        ServerWebExchangeMatcher publicPaths = ServerWebExchangeMatchers.pathMatchers(PUBLIC_PATHS);
        return exchange -> publicPaths.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange));
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenSettings settings, Environment environment) {
        // accepted tokens are remembered until their exp (at most 5 min), so a caller's requests are not parsed and
        // their signatures checked again each time (BENCHMARKS.md, benchmark 2; docs/gateway.md, "Authentication")
        return new VerifiedTokenCache(
                TokenDecoders.forSettings(settings.requireSafe(environment.acceptsProfiles(Profiles.of("local")))));
    }

    static ReactiveJwtAuthenticationConverterAdapter rolesConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
