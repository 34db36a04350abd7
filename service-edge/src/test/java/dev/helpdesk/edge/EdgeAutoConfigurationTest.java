package dev.helpdesk.edge;

import dev.helpdesk.edge.token.TokenSettings;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * With a secret and an issuer (as the local stack runs when it also trusts an OIDC issuer), an HS256 token is
     * checked against the secret and any other algorithm against the issuer's keys: an RS256 header cannot make the
     * secret's decoder accept it, and the issuer (unreachable here) is asked instead, so the token fails.
     */
    @Test
    void withASecretAndAnIssuerEachTokenIsCheckedByTheDecoderOfItsAlgorithm() {
        runner.withPropertyValues("helpdesk.security.jwt-secret=" + TestTokens.SECRET,
                        "helpdesk.security.issuer=" + TestTokens.ISSUER, "helpdesk.security.audience=" + TestTokens.AUDIENCE,
                        "helpdesk.security.issuer-uri=http://127.0.0.1:9/unreachable-issuer")
                .run(context -> {
                    JwtDecoder decoder = context.getBean(JwtDecoder.class);
                    assertThat(decoder.decode(TestTokens.agent("agent-7")).getSubject()).isEqualTo("agent-7");
                    String hs256 = TestTokens.agent("agent-7");
                    String rs256 = Base64.getUrlEncoder().withoutPadding()
                            .encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
                            + hs256.substring(hs256.indexOf('.'));
                    assertThatThrownBy(() -> decoder.decode(rs256)).isInstanceOf(JwtException.class);
                });
    }

    @Test
    void aServicesOwnDecoderWins() {
        JwtDecoder own = token -> { throw new UnsupportedOperationException(); };
        runner.withBean(JwtDecoder.class, () -> own)
                .run(context -> assertThat(context.getBean(JwtDecoder.class)).isSameAs(own));
    }
}
