package dev.helpdesk.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import dev.helpdesk.edge.caller.CallerArgumentResolver;
import dev.helpdesk.edge.problem.ProblemAdvice;
import dev.helpdesk.edge.problem.ProblemErrorController;
import dev.helpdesk.edge.token.CachingJwtDecoder;
import dev.helpdesk.edge.token.TokenRules;
import dev.helpdesk.edge.token.TokenSettings;
import dev.helpdesk.edge.token.VerifiedTokens;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTTP edge of a servlet service. Bearer tokens: of the OIDC issuer {@code helpdesk.security.issuer-uri} when
 * set, otherwise HS256 tokens signed with {@code helpdesk.security.jwt-secret} (at least 32 bytes; the local stack),
 * both with the {@link TokenRules} of {@link TokenSettings}.
 * Correlation ids on every request. {@code Idempotency-Key} on writes while {@code helpdesk.idempotency.enabled} is
 * true (the default) and the service has a {@link JdbcTemplate}: the service then owns the table
 * {@code idempotent_request} in its own Flyway migrations (columns in {@link IdempotencyFilter}). The filter chain
 * is built with {@link EdgeSecurity}: by {@link EdgeSecurityAutoConfiguration} for a service without path rules of its
 * own, by the service otherwise. Every error as a problem of the
 * catalogue ({@link ProblemAdvice}, last in line, and {@link ProblemErrorController} for {@code /error}), and
 * controller methods may take the {@link dev.helpdesk.edge.caller.Caller}.
 */
@AutoConfiguration(
        after = {JacksonAutoConfiguration.class, JdbcTemplateAutoConfiguration.class},
        before = {OAuth2ResourceServerAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({TokenSettings.class, IdempotencyProperties.class})
public class EdgeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(ObjectMapper objectMapper) {
        return new ProblemAuthenticationEntryPoint(objectMapper);
    }

    @Bean
    @ConditionalOnMissingBean
    EdgeSecurity edgeSecurity(ProblemAuthenticationEntryPoint problems, ObjectProvider<ContactRegistry> contacts) {
        return new EdgeSecurity(problems, contacts);
    }

    /**
     * The HS256 secret's decoder, the OIDC issuer's, or both as the gateway has them: then an HS256 token is checked
     * against the secret and any other against the issuer's keys (each decoder accepts only its own algorithms, so a
     * token cannot choose a weaker check). Either checks the {@link TokenRules} ({@code exp} required, issuer,
     * audience). An unsafe configuration (no secret nor issuer, a short secret, the public demo secret outside the
     * local stack) stops the service at start.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(TokenSettings settings, Environment environment) {
        // accepted tokens are remembered until their exp (at most 5 min), as in the gateway (VerifiedTokens)
        return new CachingJwtDecoder(checkingDecoder(settings, environment), new VerifiedTokens());
    }

    private static JwtDecoder checkingDecoder(TokenSettings settings, Environment environment) {
        settings.requireSafe(environment.acceptsProfiles(Profiles.of("local")));
        JwtDecoder secretDecoder = settings.hasSecret() ? secretDecoder(settings) : null;
        if (!settings.hasIssuerUri()) {
            return secretDecoder;
        }
        JwtDecoder issuerDecoder = issuerDecoder(settings);
        if (secretDecoder == null) {
            return issuerDecoder;
        }
        return token -> isHs256(token) ? secretDecoder.decode(token) : issuerDecoder.decode(token);
    }

    private static JwtDecoder secretDecoder(TokenSettings settings) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(settings.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(TokenRules.forSecret(settings));
        return decoder;
    }

    /**
     * The issuer's metadata and keys are read on first use (and again after a failure), so that a slow or absent
     * issuer does not stop the service from starting; until it answers, its tokens are refused.
     */
    private static JwtDecoder issuerDecoder(TokenSettings settings) {
        JwtDecoder lazy = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
            decoder.setJwtValidator(TokenRules.forIssuerUri(settings));
            return decoder;
        });
        return token -> {
            try {
                return lazy.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("The OIDC issuer's configuration could not be read", e);
            }
        };
    }

    private static boolean isHs256(String token) {
        try {
            return JWSAlgorithm.HS256.equals(JWTParser.parse(token).getHeader().getAlgorithm());
        } catch (java.text.ParseException e) {
            return false;
        }
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

    /**
     * Controller methods may take the {@link dev.helpdesk.edge.caller.Caller}; their {@code @PreAuthorize} rule is
     * decided before the request body is read and validated, so a caller without the role gets 403, never a 400
     * that tells them how to shape a request they may not make.
     */
    @Bean
    WebMvcConfigurer callerParameters(CallerArgumentResolver callers,
                                      ObjectProvider<MethodSecurityExpressionHandler> expressionHandler) {
        AuthorizationBeforeBinding authorization = new AuthorizationBeforeBinding(expressionHandler.getIfAvailable());
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(callers);
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(authorization);
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
    IdempotencyFilter idempotencyFilter(JdbcTemplate jdbc, ObjectMapper json, IdempotencyProperties properties) {
        return new IdempotencyFilter(jdbc, json, properties);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcTemplate.class)
    @ConditionalOnProperty(name = "helpdesk.idempotency.enabled", havingValue = "true", matchIfMissing = true)
    IdempotencyRetention idempotencyRetention(JdbcTemplate jdbc, IdempotencyProperties properties) {
        return new IdempotencyRetention(jdbc, properties);
    }
}
