package dev.helpdesk.edge;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every request of a servlet service needs a valid bearer token, also behind the gateway (defence in depth). A
 * service that adds no path rules of its own declares nothing: it gets the chain of {@link EdgeSecurity} (the token
 * decoder and the 401/403 problems of {@link EdgeAutoConfiguration}) and checks roles with method security
 * ({@code @PreAuthorize} on its controllers). A service with path rules declares its own {@link SecurityFilterChain},
 * built with {@link EdgeSecurity#filterChain(HttpSecurity, org.springframework.security.config.Customizer)}, and this
 * one backs off. Ordered before Spring Boot's security auto-configurations (the actuator's management chain comes
 * after the resource server's), so that none of their default chains is made.
 */
@AutoConfiguration(
        after = EdgeAutoConfiguration.class,
        before = {OAuth2ResourceServerAutoConfiguration.class, SecurityAutoConfiguration.class},
        beforeName = "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, EnableMethodSecurity.class})
public class EdgeSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain securityFilterChain(HttpSecurity http, EdgeSecurity edge) throws Exception {
        return edge.filterChain(http);
    }

    /**
     * Method security with its defaults ({@code @PreAuthorize} and {@code @PostAuthorize}), enabled once here rather
     * than in each service; the services' role checks are on their controllers, and
     * {@link AuthorizationBeforeBinding} decides them before the body is read. A service that enables method security
     * itself ({@code @EnableMethodSecurity} with other settings) keeps its settings: this one then backs off.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(name = "preAuthorizeAuthorizationMethodInterceptor")
    @EnableMethodSecurity
    static class MethodSecurity {
    }
}
