package dev.helpdesk.tickets.config;

import dev.helpdesk.edge.ContactRegistry;
import dev.helpdesk.edge.EdgeSecurity;
import dev.helpdesk.pipeline.membership.ContactMembershipProperties;
import dev.helpdesk.pipeline.membership.ContactMemberships;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every request needs a valid bearer token, also behind the gateway (defence in depth): the chain, the token
 * decoder and the 401/403 problems come from service-edge; this service adds no path rules of its own and checks
 * roles with method security.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, EdgeSecurity edge) throws Exception {
        return edge.filterChain(http);
    }

    /**
     * This service does not consume its own topic: the membership is its organisation view's contacts
     * ({@code organization_contact}, kept inline in the transaction of the command that adds or removes a contact),
     * read with the shared cache (docs/security.md "Contact membership").
     */
    @Bean
    @ConditionalOnProperty(name = "helpdesk.security.contact-membership.enabled", havingValue = "true", matchIfMissing = true)
    ContactMemberships contactMemberships(JdbcTemplate jdbc, ContactMembershipProperties properties) {
        return new ContactMemberships(jdbc, properties.cacheTtl(),
                "SELECT EXISTS (SELECT 1 FROM organization_contact WHERE organization_id = ? AND user_id = ?)");
    }

    @Bean
    @ConditionalOnProperty(name = "helpdesk.security.contact-membership.enabled", havingValue = "true", matchIfMissing = true)
    ContactRegistry contactRegistry(ContactMemberships memberships) {
        return memberships::isMember;
    }
}
