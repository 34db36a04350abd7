package dev.helpdesk.gateway.security;

import dev.helpdesk.edge.token.TokenRules;
import dev.helpdesk.edge.token.TokenSettings;
import dev.helpdesk.testsupport.MovableClock;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cache of verified tokens in front of the gateway's real decoder (HS256, service-edge's {@link TokenRules}):
 * a token is checked once while it is valid, never served from the cache at or after its {@code exp}, and a refused
 * token is never remembered. Time is a clock the test moves, shared by the cache and the decoder's timestamp rule.
 */
class VerifiedTokenCacheTest {

    private static final TokenSettings SETTINGS =
            new TokenSettings(TestTokens.SECRET, "", TestTokens.ISSUER, TestTokens.AUDIENCE, false);

    private final MovableClock clock = new MovableClock(Instant.now());
    private final AtomicInteger checks = new AtomicInteger();
    private final ReactiveJwtDecoder decoder = countingDecoder();

    @Test
    void aValidTokenIsCheckedOnceAndThenAnsweredFromTheCache() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, clock, 100, Duration.ofMinutes(5));
        String token = TestTokens.agent("agent-1");

        Jwt first = cache.decode(token).block();
        Jwt second = cache.decode(token).block();

        assertThat(first.getSubject()).isEqualTo("agent-1");
        assertThat(second).isSameAs(first);
        assertThat(checks).hasValue(1);
    }

    @Test
    void anExpiredTokenIsRefusedEvenWhenItWasCachedEarlier() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, clock, 100, Duration.ofHours(2));
        String token = TestTokens.agent("agent-2");
        Jwt jwt = cache.decode(token).block();
        Instant exp = jwt.getExpiresAt();

        clock.set(exp.minusSeconds(1));
        assertThat(cache.decode(token).block()).isSameAs(jwt);
        assertThat(checks).as("still valid: answered from the cache").hasValue(1);

        // at exp the cache no longer answers; the decoder decides, as it did before the cache existed
        clock.set(exp);
        cache.decode(token).block();
        assertThat(checks).as("at exp the token is checked again").hasValue(2);

        // past exp and the decoder's allowed clock skew: refused, although it had been accepted and remembered
        clock.set(exp.plus(JWT_CLOCK_SKEW).plusSeconds(1));
        assertThatThrownBy(() -> cache.decode(token).block()).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> cache.decode(token).block()).isInstanceOf(BadJwtException.class);
        assertThat(checks).hasValue(4);
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, clock, 100, Duration.ofMinutes(5));
        List<String> refused = List.of(
                TestTokens.token("x", List.of("admin"), null, Duration.ofHours(1), "another-secret-of-at-least-32-bytes-0123456789"),
                TestTokens.token("x", List.of("admin"), null, Duration.ofHours(1), TestTokens.SECRET,
                        claims -> claims.audience("another-api")),
                TestTokens.token("x", List.of("admin"), null, Duration.ofHours(1), TestTokens.SECRET,
                        claims -> claims.issuer("someone-else")),
                TestTokens.token("x", List.of("admin"), null, Duration.ofHours(-1), TestTokens.SECRET),
                TestTokens.token("x", List.of("admin"), null, Duration.ofHours(1), TestTokens.SECRET,
                        claims -> claims.expirationTime(null)),
                "not-a-token");

        for (int round = 0; round < 2; round++) {
            for (String token : refused) {
                assertThatThrownBy(() -> cache.decode(token).block()).as(token).isInstanceOf(BadJwtException.class);
            }
        }

        assertThat(checks).as("every refused token was checked every time").hasValue(2 * refused.size());
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenIsCheckedAgainAfterTheLongestTimeItIsTrustedUnchecked() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, clock, 100, Duration.ofMinutes(5));
        String token = TestTokens.agent("agent-3");
        cache.decode(token).block();

        clock.set(clock.instant().plus(Duration.ofMinutes(5)).minusSeconds(1));
        cache.decode(token).block();
        assertThat(checks).hasValue(1);

        clock.set(clock.instant().plusSeconds(1));
        cache.decode(token).block();
        assertThat(checks).hasValue(2);
    }

    @Test
    void holdsAtMostItsBoundOfTokens() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, clock, 10, Duration.ofMinutes(5));
        for (int i = 0; i < 50; i++) {
            cache.decode(TestTokens.agent("agent-" + i)).block();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    /** Spring Security's default allowance for clocks that disagree (JwtTimestampValidator). */
    private static final Duration JWT_CLOCK_SKEW = Duration.ofSeconds(60);

    /**
     * The gateway's HS256 decoder with service-edge's rules, plus the same timestamp rule on the test's clock (the
     * rules' own reads the real time, at which the test's tokens are valid); counts the tokens it checks.
     */
    private ReactiveJwtDecoder countingDecoder() {
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder
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
