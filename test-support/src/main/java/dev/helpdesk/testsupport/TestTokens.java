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

/** HS256 bearer tokens as the local stack accepts them, signed with the tests' secret. */
public final class TestTokens {

    /** The secret the tests' services are configured with ({@code helpdesk.security.jwt-secret}). */
    public static final String SECRET = "test-secret-for-helpdesk-tests-only-0123456789abcdef";

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
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("name", userId)
                .claim("email", userId + "@example.org")
                .claim("roles", roles)
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(lifetime)));
        if (organizationId != null) {
            claims.claim("org", organizationId);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
