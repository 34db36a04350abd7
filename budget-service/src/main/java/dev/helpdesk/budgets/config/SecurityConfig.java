package dev.helpdesk.budgets.config;

import dev.helpdesk.edge.EdgeSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what in the budget service: projection rebuilds for admins and analysts, the rest of
 * {@code /api/admin} for admins, budgets for every role. Everything else of the HTTP edge (bearer tokens, 401/403
 * problems, open health and docs, the contact check, method security for the finer rules) comes from service-edge.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, EdgeSecurity edge) throws Exception {
        return edge.filterChain(http, rules -> rules
                .requestMatchers("/api/admin/budgets/replays", "/api/admin/budgets/replays/**").hasAnyRole("admin", "analyst")
                .requestMatchers("/api/admin/**").hasRole("admin")
                .requestMatchers("/api/budgets/**").hasAnyRole("contact", "agent", "manager", "analyst", "admin"));
    }
}
