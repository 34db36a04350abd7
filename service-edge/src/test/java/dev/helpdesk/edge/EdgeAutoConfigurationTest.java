package dev.helpdesk.edge;

import dev.helpdesk.edge.token.TokenSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Which edge beans a service gets, without a server or a database. */
class EdgeAutoConfigurationTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-0123456789";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EdgeAutoConfiguration.class));

    @Test
    void aServiceWithADatabaseGetsEveryEdgeBean() {
        runner.withPropertyValues("helpdesk.security.jwt-secret=" + SECRET)
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(new SimpleDriverDataSource()))
                .run(context -> {
                    assertThat(context).hasSingleBean(JwtDecoder.class);
                    assertThat(context).hasSingleBean(EdgeSecurity.class);
                    assertThat(context).hasSingleBean(ProblemAuthenticationEntryPoint.class);
                    assertThat(context).hasSingleBean(CorrelationIdFilter.class);
                    assertThat(context).hasSingleBean(IdempotencyFilter.class);
                });
    }

    @Test
    void idempotencyKeysCanBeSwitchedOffAndNeedADatabase() {
        runner.withPropertyValues("helpdesk.security.jwt-secret=" + SECRET, "helpdesk.idempotency.enabled=false")
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(new SimpleDriverDataSource()))
                .run(context -> assertThat(context).doesNotHaveBean(IdempotencyFilter.class));
        runner.withPropertyValues("helpdesk.security.jwt-secret=" + SECRET)
                .run(context -> assertThat(context).doesNotHaveBean(IdempotencyFilter.class).hasSingleBean(CorrelationIdFilter.class));
    }

    @Test
    void aShortSecretWithoutIssuerStopsTheServiceWithAnExplanation() {
        runner.withPropertyValues("helpdesk.security.jwt-secret=too-short")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessage("helpdesk.security.jwt-secret (HELPDESK_JWT_SECRET) must be at least 32 bytes for HS256"));
        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessage("Set helpdesk.security.issuer-uri (HELPDESK_OIDC_ISSUER_URI) "
                        + "or helpdesk.security.jwt-secret (HELPDESK_JWT_SECRET, at least 32 bytes)"));
    }

    @Test
    void thePublicDemoSecretStopsTheServiceOutsideTheLocalStack() {
        runner.withPropertyValues("helpdesk.security.jwt-secret=" + TokenSettings.LOCAL_DEMO_SECRET)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("helpdesk.security.jwt-secret is the public demo secret of the local stack")
                        .hasMessageContaining("HELPDESK_SECURITY_ALLOW_LOCAL_SECRET"));
        runner.withPropertyValues("helpdesk.security.jwt-secret=" + TokenSettings.LOCAL_DEMO_SECRET,
                        "helpdesk.security.allow-local-secret=true")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class));
    }

    @Test
    void aServicesOwnDecoderWins() {
        JwtDecoder own = token -> { throw new UnsupportedOperationException(); };
        runner.withBean(JwtDecoder.class, () -> own)
                .run(context -> assertThat(context.getBean(JwtDecoder.class)).isSameAs(own));
    }
}
