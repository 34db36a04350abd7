package dev.helpdesk.tickets.config;

import dev.helpdesk.pipeline.membership.ContactMembershipProperties;
import dev.helpdesk.pipeline.membership.ContactMemberships;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This service does not consume its own topic: the membership is its organisation view's contacts
 * ({@code organization_contact}, kept inline in the transaction of the command that adds or removes a contact),
 * read with the shared cache (docs/security.md "Contact membership"). event-pipeline offers it to the edge as the
 * {@code ContactRegistry}, as in every service; the chain and method security come from service-edge.
 */
@Configuration
public class ContactMembershipConfig {

    @Bean
    @ConditionalOnProperty(name = "helpdesk.security.contact-membership.enabled", havingValue = "true", matchIfMissing = true)
    ContactMemberships contactMemberships(JdbcTemplate jdbc, ContactMembershipProperties properties) {
        return new ContactMemberships(jdbc, properties.cacheTtl(),
                "SELECT EXISTS (SELECT 1 FROM organization_contact WHERE organization_id = ? AND user_id = ?)");
    }
}
