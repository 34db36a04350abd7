package dev.helpdesk.edge;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Builds a service's security filter chain: CSRF off, stateless, health/info/prometheus, API docs, {@code /error} and
 * CORS pre-flights open, then the service's own path rules, every other request authenticated with a bearer token
 * whose {@code roles} claim gives the roles; a token of a confined role (not staff) without an {@code org} claim is
 * refused with 403 on every path that needs a token ({@link OrganizationClaimFilter}); so is a confined caller who is
 * not a current contact of the organisation in its token, when the service has a {@link ContactRegistry}
 * ({@link ContactMembershipFilter}); 401 and 403 answered as problem details.
 */
public class EdgeSecurity {

    public static final String ROLES_CLAIM = "roles";

    /** Paths anyone may call, with or without a token. */
    static final String[] OPEN_PATHS = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"};

    private final ProblemAuthenticationEntryPoint problems;
    private final ObjectProvider<ContactRegistry> contacts;

    public EdgeSecurity(ProblemAuthenticationEntryPoint problems, ObjectProvider<ContactRegistry> contacts) {
        this.problems = problems;
        this.contacts = contacts;
    }

    /** The chain with no rules of the service's own: every open path above, everything else needs any valid token. */
    public SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        return filterChain(http, rules -> { });
    }

    /** The chain with the service's path rules applied after the open paths and before {@code anyRequest().authenticated()}. */
    public SecurityFilterChain filterChain(
            HttpSecurity http,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> serviceRules)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(OPEN_PATHS).permitAll()
                            .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    serviceRules.customize(auth);
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new OrganizationClaimFilter(problems, OPEN_PATHS), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new ContactMembershipFilter(problems, contacts, OPEN_PATHS), OrganizationClaimFilter.class)
                .build();
    }

    /** Roles from the token's {@code roles} claim, as {@code ROLE_<role>} authorities (so {@code hasRole("agent")} works). */
    public static JwtAuthenticationConverter rolesConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }
}
