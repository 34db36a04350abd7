package dev.helpdesk.gateway.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * How the gateway serves the portal ({@code helpdesk.gateway.portal.*}).
 *
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of every answer outside the Swagger UI; the default
 *                              allows scripts, styles and calls of this origin only (no inline script or style)
 * @param demoSignInUrl         where the local stack's demo sign-in listens ({@code /demo/**} is routed there); empty:
 *                              no demo sign-in (the default everywhere but the local stack)
 * @param oidcClientId          the portal's client id at the OIDC issuer ({@code helpdesk.security.issuer-uri}): a public
 *                              client, authorization code with PKCE, redirect URI {@code <the gateway's origin>/};
 *                              empty: the portal offers no OIDC sign-in
 * @param oidcScope             the scopes the portal asks for
 */
@ConfigurationProperties("helpdesk.gateway.portal")
public record PortalSettings(
        @DefaultValue(DEFAULT_POLICY) String contentSecurityPolicy,
        @DefaultValue("") String demoSignInUrl,
        @DefaultValue("") String oidcClientId,
        @DefaultValue("openid profile email") String oidcScope) {

    public static final String DEFAULT_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

    public PortalSettings {
        contentSecurityPolicy = contentSecurityPolicy == null || contentSecurityPolicy.isBlank()
                ? DEFAULT_POLICY : contentSecurityPolicy.trim();
        if (contentSecurityPolicy.contains("'unsafe-inline'") || contentSecurityPolicy.contains("'unsafe-eval'")) {
            throw new IllegalArgumentException("helpdesk.gateway.portal.content-security-policy must not allow "
                    + "'unsafe-inline' or 'unsafe-eval'");
        }
        demoSignInUrl = demoSignInUrl == null ? "" : demoSignInUrl.trim();
        oidcClientId = oidcClientId == null ? "" : oidcClientId.trim();
        oidcScope = oidcScope == null || oidcScope.isBlank() ? "openid profile email" : oidcScope.trim();
        if (!oidcScope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*")
                || !(" " + oidcScope + " ").contains(" openid ")) {
            throw new IllegalArgumentException("helpdesk.gateway.portal.oidc-scope: space-separated scope tokens "
                    + "including openid, got " + oidcScope);
        }
        if (!demoSignInUrl.isEmpty()) {
            URI uri = URI.create(demoSignInUrl);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("helpdesk.gateway.portal.demo-sign-in-url: expected http://host:port, got "
                        + demoSignInUrl);
            }
        }
    }

    /** Whether the default policy is in force (then the issuer's origin joins its connect-src for OIDC sign-in). */
    public boolean defaultPolicy() {
        return DEFAULT_POLICY.equals(contentSecurityPolicy);
    }

    public boolean demoSignIn() {
        return !demoSignInUrl.isEmpty();
    }
}
