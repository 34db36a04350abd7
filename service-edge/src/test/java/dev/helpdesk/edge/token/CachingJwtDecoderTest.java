package dev.helpdesk.edge.token;

import dev.helpdesk.testsupport.MovableClock;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service's decoder behind {@link VerifiedTokens}, in front of the real HS256 decoder with {@link TokenRules}: a
 * token is checked once while it is valid, never answered from memory at or after its {@code exp}, and a refused
 * token is checked every time. The gateway's VerifiedTokenCacheTest covers the same rules on the reactive side.
 */
class CachingJwtDecoderTest {

    private static final TokenSettings SETTINGS =
            new TokenSettings(TestTokens.SECRET, "", TestTokens.ISSUER, TestTokens.AUDIENCE, false);
    /** Spring Security's default allowance for clocks that disagree (JwtTimestampValidator). */
    private static final Duration JWT_CLOCK_SKEW = Duration.ofSeconds(60);

    private final MovableClock clock = new MovableClock(Instant.now());
    private final AtomicInteger checks = new AtomicInteger();
    private final JwtDecoder decoder = new CachingJwtDecoder(countingDecoder(),
            new VerifiedTokens(clock, 100, Duration.ofHours(2)));

    @Test
    void aValidTokenIsCheckedOnceAndThenAnsweredFromMemory() {
        String token = TestTokens.agent("agent-1");

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(first.getSubject()).isEqualTo("agent-1");
        assertThat(second).isSameAs(first);
        assertThat(checks).hasValue(1);
    }

    @Test
    void anExpiredTokenIsRefusedAlthoughItWasAcceptedEarlier() {
        String token = TestTokens.agent("agent-2");
        Instant exp = decoder.decode(token).getExpiresAt();

        clock.set(exp.minusSeconds(1));
        decoder.decode(token);
        assertThat(checks).as("still valid: answered from memory").hasValue(1);

        clock.set(exp.plus(JWT_CLOCK_SKEW).plusSeconds(1));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("expired");
        assertThat(checks).hasValue(2);
    }

    @Test
    void refusedTokensAreCheckedEveryTime() {
        List<String> refused = List.of(
                TestTokens.token("x", List.of("admin"), null, Duration.ofHours(1), "another-secret-of-at-least-32-bytes-0123456789"),
                TestTokens.token("x", List.of("admin"), null, Duration.ofHours(1), TestTokens.SECRET,
                        claims -> claims.audience("another-api")),
                TestTokens.token("x", List.of("admin"), null, Duration.ofHours(1), TestTokens.SECRET,
                        claims -> claims.expirationTime(null)),
                "not-a-token");

        for (int round = 0; round < 2; round++) {
            for (String token : refused) {
                assertThatThrownBy(() -> decoder.decode(token)).as(token).isInstanceOf(BadJwtException.class);
            }
        }

        assertThat(checks).hasValue(2 * refused.size());
    }

    /** The services' HS256 decoder and rules, plus the timestamp rule on the test's clock; counts the checks. */
    private JwtDecoder countingDecoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        JwtTimestampValidator onTheTestsClock = new JwtTimestampValidator(JWT_CLOCK_SKEW);
        onTheTestsClock.setClock(clock);
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(TokenRules.forSecret(SETTINGS), onTheTestsClock));
        return token -> {
            checks.incrementAndGet();
            return nimbus.decode(token);
        };
    }
}
