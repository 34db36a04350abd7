package dev.helpdesk.pipeline;

import dev.helpdesk.edge.ContactRegistry;
import dev.helpdesk.pipeline.membership.ContactMembershipAutoConfiguration;
import dev.helpdesk.pipeline.membership.ContactMemberships;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The membership a service keeps is its edge's contact registry, without a line of the service's own. */
class ContactMembershipAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ContactMembershipAutoConfiguration.class))
            .withBean(JdbcTemplate.class, () -> new JdbcTemplate(new SimpleDriverDataSource()));

    @Test
    void theEdgeChecksContactsAgainstTheMembership() {
        runner.run(context -> assertThat(context).hasSingleBean(ContactMemberships.class).hasSingleBean(ContactRegistry.class));
    }

    @Test
    void aServiceReadingItsOwnTableGetsItsReaderAsTheRegistry() {
        ContactMemberships own = new ContactMemberships(null, Duration.ZERO) {
            @Override
            public boolean isMember(String organizationId, String userId) {
                return organizationId.equals("org-1") && userId.equals("carol");
            }
        };
        runner.withBean(ContactMemberships.class, () -> own).run(context -> {
            ContactRegistry registry = context.getBean(ContactRegistry.class);
            assertThat(registry.isMember("org-1", "carol")).isTrue();
            assertThat(registry.isMember("org-2", "carol")).isFalse();
        });
    }

    @Test
    void theSwitchTurnsTheCheckOff() {
        runner.withPropertyValues("helpdesk.security.contact-membership.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ContactMemberships.class).doesNotHaveBean(ContactRegistry.class));
    }

    @Test
    void aServicesOwnRegistryWins() {
        ContactRegistry own = (organizationId, userId) -> true;
        runner.withBean(ContactRegistry.class, () -> own)
                .run(context -> assertThat(context.getBean(ContactRegistry.class)).isSameAs(own));
    }

    @Test
    void aServiceWithoutTheEdgeKeepsTheMembershipOnly() {
        runner.withClassLoader(new FilteredClassLoader(ContactRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ContactMemberships.class)
                        .doesNotHaveBean("contactRegistry"));
    }
}
