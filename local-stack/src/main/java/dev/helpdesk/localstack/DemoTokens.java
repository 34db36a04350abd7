package dev.helpdesk.localstack;

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

/**
 * HS256 tokens for the local stack, signed with its secret and carrying its issuer and audience (which every service
 * and the gateway check) and an expiry, so a newcomer can call the API at once.
 */
public final class DemoTokens {

    private final String secret;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;

    public DemoTokens(String secret, String issuer, String audience, Duration lifetime) {
        this.secret = secret;
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
    }

    /** Tokens of a stack started with the default issuer and audience. */
    public DemoTokens(String secret, Duration lifetime) {
        this(secret, StackConfig.LOCAL_ISSUER, StackConfig.LOCAL_AUDIENCE, lifetime);
    }

    public String token(String userId, List<String> roles, String organizationId) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("name", userId)
                .claim("email", userId + "@example.org")
                .claim("roles", roles)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
        if (organizationId != null) {
            claims.claim("org", organizationId);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign demo tokens: " + e.getMessage(), e);
        }
    }
}
