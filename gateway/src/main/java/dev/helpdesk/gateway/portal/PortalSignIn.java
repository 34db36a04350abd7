package dev.helpdesk.gateway.portal;

import dev.helpdesk.edge.token.TokenSettings;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a person signs in to the portal here, as {@code GET /portal/sign-in-options} tells the portal's page: the local
 * stack's demo users, and OpenID Connect (authorization code with PKCE, in the browser, as a public client) when the
 * gateway trusts an issuer ({@code helpdesk.security.issuer-uri}) and the portal has a client id there. With OIDC on and
 * the default Content-Security-Policy, the issuer's origin joins its {@code connect-src}: the page reads the issuer's
 * discovery document and redeems the code at its token endpoint.
 */
public final class PortalSignIn {

    private final boolean demo;
    private final String issuer;
    private final String clientId;
    private final String scope;
    private final String contentSecurityPolicy;

    public PortalSignIn(PortalSettings portal, TokenSettings tokens) {
        this.demo = portal.demoSignIn();
        this.issuer = tokens.issuerUri().isEmpty() || portal.oidcClientId().isEmpty() ? "" : tokens.issuerUri();
        this.clientId = issuer.isEmpty() ? "" : portal.oidcClientId();
        this.scope = portal.oidcScope();
        this.contentSecurityPolicy = !issuer.isEmpty() && portal.defaultPolicy()
                ? portal.contentSecurityPolicy().replace("connect-src 'self'", "connect-src 'self' " + origin(issuer))
                : portal.contentSecurityPolicy();
    }

    /** The issuer's origin ({@code scheme://host[:port]}), as a CSP source. */
    static String origin(String issuer) {
        URI uri = URI.create(issuer);
        if (uri.getScheme() == null || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("helpdesk.security.issuer-uri: expected an http(s) address, got " + issuer);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    public boolean oidc() {
        return !issuer.isEmpty();
    }

    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** The answer of {@code GET /portal/sign-in-options}: nothing secret (a public client has no secret). */
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("demo", demo);
        if (oidc()) {
            options.put("oidc", Map.of("issuer", issuer, "clientId", clientId, "scope", scope));
        } else {
            options.put("oidc", null);
        }
        return options;
    }
}
