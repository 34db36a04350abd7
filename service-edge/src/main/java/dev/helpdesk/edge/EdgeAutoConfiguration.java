package dev.helpdesk.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.edge.caller.CallerArgumentResolver;
import dev.helpdesk.edge.problem.ProblemAdvice;
import dev.helpdesk.edge.problem.ProblemErrorController;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTTP edge of a servlet service. Bearer tokens: of the OIDC issuer {@code helpdesk.security.issuer-uri} when
 * set, otherwise HS256 tokens signed with {@code helpdesk.security.jwt-secret} (at least 32 bytes; the local stack).
 * Correlation ids on every request. {@code Idempotency-Key} on writes while {@code helpdesk.idempotency.enabled} is
 * true (the default) and the service has a {@link JdbcTemplate}: the service then owns the table
 * {@code idempotent_request} in its own Flyway migrations (columns in {@link IdempotencyFilter}). The service
 * builds its filter chain with {@link EdgeSecurity} and its own path rules. Every error as a problem of the
 * catalogue ({@link ProblemAdvice}, last in line, and {@link ProblemErrorController} for {@code /error}), and
 * controller methods may take the {@link dev.helpdesk.edge.caller.Caller}.
 */
@AutoConfiguration(
        after = {JacksonAutoConfiguration.class, JdbcTemplateAutoConfiguration.class},
        before = {OAuth2ResourceServerAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class EdgeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(ObjectMapper objectMapper) {
        return new ProblemAuthenticationEntryPoint(objectMapper);
    }

    @Bean
    @ConditionalOnMissingBean
    EdgeSecurity edgeSecurity(ProblemAuthenticationEntryPoint problems) {
        return new EdgeSecurity(problems);
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(@Value("${helpdesk.security.issuer-uri:}") String issuerUri,
                          @Value("${helpdesk.security.jwt-secret:}") String secret) {
        if (!issuerUri.isBlank()) {
            return JwtDecoders.fromIssuerLocation(issuerUri);
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException(
                    "Set helpdesk.security.issuer-uri (OIDC) or helpdesk.security.jwt-secret (HELPDESK_JWT_SECRET, at least 32 bytes)");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault()));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAdvice problemAdvice() {
        return new ProblemAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    @ConditionalOnMissingBean
    CallerArgumentResolver callerArgumentResolver() {
        return new CallerArgumentResolver();
    }

    @Bean
    WebMvcConfigurer callerParameters(CallerArgumentResolver callers) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(callers);
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    CorrelationIdFilter correlationIdFilter() {
        return new CorrelationIdFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcTemplate.class)
    @ConditionalOnProperty(name = "helpdesk.idempotency.enabled", havingValue = "true", matchIfMissing = true)
    IdempotencyFilter idempotencyFilter(JdbcTemplate jdbc, ObjectMapper json) {
        return new IdempotencyFilter(jdbc, json);
    }
}
