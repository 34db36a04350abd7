package dev.helpdesk.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;

/**
 * How tokens are checked ({@code helpdesk.security.*}): HS256 with {@code jwt-secret} (the local stack), tokens of
 * the OIDC issuer at {@code issuer-uri} (production), or both. {@code allow-local-secret} is set by the local stack
 * only: without it (or the Spring profile {@code local}) the well-known demo secret is refused.
 */
@ConfigurationProperties("helpdesk.security")
public record SecuritySettings(String jwtSecret, String issuerUri, boolean allowLocalSecret) {

    /** The secret the local one-command stack signs its demo tokens with; public knowledge, so never valid elsewhere. */
    public static final String LOCAL_DEMO_SECRET = "local-helpdesk-demo-secret-change-me-0123456789";

    public SecuritySettings {
        jwtSecret = jwtSecret == null ? "" : jwtSecret;
        issuerUri = issuerUri == null ? "" : issuerUri.trim();
    }

    public boolean hasSecret() {
        return !jwtSecret.isEmpty();
    }

    public boolean hasIssuer() {
        return !issuerUri.isEmpty();
    }

    /**
     * Refuses a configuration that would let forged tokens in: no way to check tokens at all, a secret too short for
     * HS256, or the public demo secret outside the local stack.
     */
    public void requireSafe(boolean localProfileActive) {
        if (!hasSecret() && !hasIssuer()) {
            throw new IllegalStateException("Set helpdesk.security.issuer-uri (HELPDESK_OIDC_ISSUER_URI) "
                    + "or helpdesk.security.jwt-secret (HELPDESK_JWT_SECRET, at least 32 bytes)");
        }
        if (hasSecret() && jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("helpdesk.security.jwt-secret must be at least 32 bytes for HS256");
        }
        if (LOCAL_DEMO_SECRET.equals(jwtSecret) && !(allowLocalSecret || localProfileActive)) {
            throw new IllegalStateException("helpdesk.security.jwt-secret is the public demo secret of the local stack; "
                    + "set a secret of your own (or helpdesk.security.allow-local-secret=true on the local stack only)");
        }
        if (hasIssuer() && !(issuerUri.startsWith("https://") || issuerUri.startsWith("http://"))) {
            throw new IllegalStateException("helpdesk.security.issuer-uri must be an http(s) URL");
        }
    }
}
