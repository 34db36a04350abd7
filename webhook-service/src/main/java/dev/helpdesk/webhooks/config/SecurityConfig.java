package dev.helpdesk.webhooks.config;

import dev.helpdesk.edge.ContactRegistry;
import dev.helpdesk.edge.EdgeSecurity;
import dev.helpdesk.pipeline.membership.ContactMemberships;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every request needs a valid bearer token, also behind the gateway (defence in depth): the chain, the token
 * decoder and the 401/403 problems come from service-edge; this service adds no path rules of its own and checks
 * roles with method security (admins only).
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, EdgeSecurity edge) throws Exception {
        return edge.filterChain(http);
    }

    /**
     * The edge's contact check reads the membership this service keeps from the organisation's events
     * ({@code contact_membership}, docs/security.md "Contact membership").
     */
    @Bean
    @ConditionalOnProperty(name = "helpdesk.security.contact-membership.enabled", havingValue = "true", matchIfMissing = true)
    ContactRegistry contactRegistry(ContactMemberships memberships) {
        return memberships::isMember;
    }
}
