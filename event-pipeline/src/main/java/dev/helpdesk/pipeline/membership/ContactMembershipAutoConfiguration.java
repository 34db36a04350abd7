package dev.helpdesk.pipeline.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.edge.ContactRegistry;
import dev.helpdesk.pipeline.PipelineAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With {@code helpdesk.security.contact-membership.enabled} (default true): a {@link ContactMemberships} reader of
 * the service's {@code contact_membership} table and the {@link ContactMembershipHandler} that keeps it, unless the
 * service reads another table of its own (its own {@link ContactMemberships} bean). The service composes the handler
 * into its listener of {@code helpdesk.tickets.v1}; the reader is offered to its edge as the {@link ContactRegistry}.
 */
@AutoConfiguration(after = PipelineAutoConfiguration.class)
@ConditionalOnBean(JdbcTemplate.class)
@ConditionalOnProperty(name = "helpdesk.security.contact-membership.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ContactMembershipProperties.class)
public class ContactMembershipAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ContactMemberships contactMemberships(JdbcTemplate jdbc, ContactMembershipProperties properties) {
        return new ContactMemberships(jdbc, properties.cacheTtl());
    }

    @Bean
    @ConditionalOnMissingBean
    ContactMembershipHandler contactMembershipHandler(ObjectMapper json, JdbcTemplate jdbc, ContactMemberships memberships) {
        return new ContactMembershipHandler(json, jdbc, memberships);
    }

    /**
     * The edge's contact check (service-edge's {@code ContactMembershipFilter}) reads the membership this service
     * keeps (docs/security.md, "Contact membership"). A nested configuration so that a service without the edge never
     * loads {@link ContactRegistry}; no condition on the {@link ContactMemberships} bean, which this configuration
     * (or the service) always defines and which would not be registered yet when this is evaluated.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ContactRegistry.class)
    static class EdgeContactRegistry {

        @Bean
        @ConditionalOnMissingBean
        ContactRegistry contactRegistry(ContactMemberships memberships) {
            return memberships::isMember;
        }
    }
}
