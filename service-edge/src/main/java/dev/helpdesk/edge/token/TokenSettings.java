package dev.helpdesk.edge.token;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;

/**
 * How bearer tokens are checked ({@code helpdesk.security.*}), the same for the gateway and every service: HS256
 * tokens signed with {@code jwt-secret} (the local stack), tokens of the OIDC issuer at {@code issuer-uri}
 * (production), or both. {@code issuer} and {@code audience}, when set, are the {@code iss} an HS256 token must
 * carry and the {@code aud} every token must contain. {@code allow-local-secret} is set by the local stack only:
 * without it (or the Spring profile {@code local}) the well-known demo secret is refused at start.
 */
@ConfigurationProperties("helpdesk.security")
public record TokenSettings(String jwtSecret, String issuerUri, String issuer, String audience, boolean allowLocalSecret) {

    /** The secret the local one-command stack signs its demo tokens with; public knowledge, so never valid elsewhere. */
    public static final String LOCAL_DEMO_SECRET = "local-helpdesk-demo-secret-change-me-0123456789";

    public TokenSettings {
        jwtSecret = jwtSecret == null ? "" : jwtSecret;
        issuerUri = issuerUri == null ? "" : issuerUri.trim();
        issuer = issuer == null ? "" : issuer.trim();
        audience = audience == null ? "" : audience.trim();
    }

    public boolean hasSecret() {
        return !jwtSecret.isEmpty();
    }

    public boolean hasIssuerUri() {
        return !issuerUri.isEmpty();
    }

    public boolean hasIssuer() {
        return !issuer.isEmpty();
    }

    public boolean hasAudience() {
        return !audience.isEmpty();
    }

    /**
     * Refuses a configuration that would let forged tokens in: no way to check tokens at all, a secret too short for
     * HS256, or the public demo secret outside the local stack ({@code allow-local-secret} or the profile
     * {@code local}).
     */
    public TokenSettings requireSafe(boolean localProfileActive) {
        if (!hasSecret() && !hasIssuerUri()) {
            throw new IllegalStateException("Set helpdesk.security.issuer-uri (HELPDESK_OIDC_ISSUER_URI) "
                    + "or helpdesk.security.jwt-secret (HELPDESK_JWT_SECRET, at least 32 bytes)");
        }
        if (hasSecret() && jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("helpdesk.security.jwt-secret (HELPDESK_JWT_SECRET) must be at least 32 bytes for HS256");
        }
        if (LOCAL_DEMO_SECRET.equals(jwtSecret) && !(allowLocalSecret || localProfileActive)) {
            throw new IllegalStateException("helpdesk.security.jwt-secret is the public demo secret of the local stack; "
                    + "set a secret of your own (or helpdesk.security.allow-local-secret=true, "
                    + "HELPDESK_SECURITY_ALLOW_LOCAL_SECRET=true, on the local stack only)");
        }
        if (hasIssuerUri() && !(issuerUri.startsWith("https://") || issuerUri.startsWith("http://"))) {
            throw new IllegalStateException("helpdesk.security.issuer-uri must be an http(s) URL");
        }
        return this;
    }
}
