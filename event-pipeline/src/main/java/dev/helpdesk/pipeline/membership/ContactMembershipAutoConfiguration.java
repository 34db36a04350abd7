package dev.helpdesk.pipeline.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.pipeline.PipelineAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With {@code helpdesk.security.contact-membership.enabled} (default true): a {@link ContactMemberships} reader of
 * the service's {@code contact_membership} table and the {@link ContactMembershipHandler} that keeps it. The service
 * composes the handler into its listener of {@code helpdesk.tickets.v1} and offers the reader to its edge.
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
}
