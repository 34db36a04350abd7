package dev.helpdesk.budgets.config;

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
 * Who may call what in the budget service: projection rebuilds for admins and analysts, the rest of
 * {@code /api/admin} for admins, budgets for every role. Everything else of the HTTP edge (bearer tokens, 401/403
 * problems, open health and docs) comes from service-edge; method security checks the finer rules.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, EdgeSecurity edge) throws Exception {
        return edge.filterChain(http, rules -> rules
                .requestMatchers("/api/admin/budgets/replays", "/api/admin/budgets/replays/**").hasAnyRole("admin", "analyst")
                .requestMatchers("/api/admin/**").hasRole("admin")
                .requestMatchers("/api/budgets/**").hasAnyRole("contact", "agent", "manager", "analyst", "admin"));
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
