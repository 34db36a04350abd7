package dev.helpdesk.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/**
 * HS256 bearer tokens as the local stack accepts them, signed with the tests' secret, with {@code exp} and the
 * tests' issuer and audience (which {@link RealInfrastructure} configures the services to check).
 */
public final class TestTokens {

    /** The secret the tests' services are configured with ({@code helpdesk.security.jwt-secret}). */
    public static final String SECRET = "test-secret-for-helpdesk-tests-only-0123456789abcdef";

    /** The {@code iss} of the tests' tokens ({@code helpdesk.security.issuer}). */
    public static final String ISSUER = "helpdesk-tests";

    /** The {@code aud} of the tests' tokens ({@code helpdesk.security.audience}). */
    public static final String AUDIENCE = "helpdesk-api";

    private TestTokens() {
    }

    public static String contact(String userId, String organizationId) {
        return token(userId, List.of("contact"), organizationId, Duration.ofHours(1), SECRET);
    }

    public static String agent(String userId) {
        return token(userId, List.of("agent"), null, Duration.ofHours(1), SECRET);
    }

    public static String manager(String userId) {
        return token(userId, List.of("manager", "agent"), null, Duration.ofHours(1), SECRET);
    }

    public static String analyst(String userId) {
        return token(userId, List.of("analyst"), null, Duration.ofHours(1), SECRET);
    }

    public static String admin(String userId) {
        return token(userId, List.of("admin"), null, Duration.ofHours(1), SECRET);
    }

    /** A token with any roles, organisation, lifetime (negative for an expired one) and signing secret. */
    public static String token(String userId, List<String> roles, String organizationId, Duration lifetime, String secret) {
        return token(userId, roles, organizationId, lifetime, secret, claims -> { });
    }

    /**
     * A token as {@link #token(String, List, String, Duration, String)} whose claims an attacker's test changes
     * before signing: {@code claims -> claims.expirationTime(null)} for a token that never expires,
     * {@code claims.issuer("someone-else")}, {@code claims.audience("another-api")}.
     */
    public static String token(String userId, List<String> roles, String organizationId, Duration lifetime, String secret,
                               Consumer<JWTClaimsSet.Builder> adjust) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("name", userId)
                .claim("email", userId + "@example.org")
                .claim("roles", roles)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(lifetime)));
        if (organizationId != null) {
            claims.claim("org", organizationId);
        }
        adjust.accept(claims);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
