package dev.helpdesk.edge;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/** Which chain and which method security a servlet service gets from the edge, and that it takes its own. */
class EdgeSecurityAutoConfigurationTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-0123456789";
    private static final String PRE_AUTHORIZE = "preAuthorizeAuthorizationMethodInterceptor";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withPropertyValues("helpdesk.security.jwt-secret=" + SECRET)
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EdgeAutoConfiguration.class,
                    EdgeSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
                    SecurityAutoConfiguration.class, WebMvcAutoConfiguration.class));

    @Test
    void aServiceWithoutPathRulesGetsTheEdgesChainAndMethodSecurity() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SecurityFilterChain.class).hasBean(PRE_AUTHORIZE);
            assertThat(context.getBean(SecurityFilterChain.class).getFilters())
                    .anyMatch(OrganizationClaimFilter.class::isInstance)
                    .anyMatch(ContactMembershipFilter.class::isInstance);
        });
    }

    @Test
    void aServicesOwnChainWins() {
        runner.withUserConfiguration(OwnChain.class).run(context -> {
            assertThat(context).hasSingleBean(SecurityFilterChain.class).hasBean(PRE_AUTHORIZE);
            assertThat(context.getBean(SecurityFilterChain.class)).isSameAs(context.getBean("ownChain"));
        });
    }

    @Test
    void aServiceMayEnableMethodSecurityItself() {
        runner.withUserConfiguration(OwnMethodSecurity.class)
                .run(context -> assertThat(context).hasNotFailed().hasBean(PRE_AUTHORIZE)
                        .hasBean("securedAuthorizationMethodInterceptor"));
    }

    @Test
    void theReactiveGatewayGetsNeither() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EdgeSecurityAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(SecurityFilterChain.class).doesNotHaveBean(PRE_AUTHORIZE));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnChain {

        @Bean
        SecurityFilterChain ownChain(HttpSecurity http, EdgeSecurity edge) throws Exception {
            return edge.filterChain(http, rules -> rules.requestMatchers("/api/admin/**").hasRole("admin"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity(securedEnabled = true)
    static class OwnMethodSecurity {
    }
}
