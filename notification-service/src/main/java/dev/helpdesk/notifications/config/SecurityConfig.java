package dev.helpdesk.notifications.config;

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
 * Every request needs a valid bearer token, also behind the gateway: the chain, the token decoder and the 401/403
 * problems come from service-edge; contacts must be current members of their organisation (docs/security.md).
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, EdgeSecurity edge) throws Exception {
        return edge.filterChain(http);
    }

    @Bean
    @ConditionalOnProperty(name = "helpdesk.security.contact-membership.enabled", havingValue = "true", matchIfMissing = true)
    ContactRegistry contactRegistry(ContactMemberships memberships) {
        return memberships::isMember;
    }
}
