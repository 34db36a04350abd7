package dev.helpdesk.gateway.routing;

import java.util.List;
import java.util.Locale;

/**
 * Request headers a client could set to pass for someone else or to point a service somewhere else. The gateway
 * never forwards them: identity travels only in the signed token, and where a request goes is configuration.
 * ({@code Forwarded} and {@code X-Forwarded-*} are already dropped by Spring Cloud Gateway while no trusted proxy
 * is configured.)
 */
public final class UntrustedHeaders {

    private static final List<String> IDENTITY_PREFIXES = List.of(
            "x-user", "x-role", "x-org", "x-tenant", "x-auth", "x-email", "x-principal", "x-remote-user",
            "x-forwarded-user", "x-forwarded-email", "x-forwarded-preferred-username", "x-forwarded-groups",
            "x-forwarded-access-token", "x-impersonat", "x-identity", "x-client-id", "x-subject", "x-jwt",
            "remote-user", "x-ms-client-principal", "x-goog-authenticated-user", "x-amzn-oidc");

    private static final List<String> ROUTING_OVERRIDES = List.of(
            "x-original-url", "x-rewrite-url", "x-original-uri", "x-host", "x-forwarded-server",
            "x-http-method-override", "x-http-method", "x-method-override");

    private UntrustedHeaders() {
    }

    public static boolean claimsIdentity(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return IDENTITY_PREFIXES.stream().anyMatch(name::startsWith);
    }

    public static boolean overridesRouting(String headerName) {
        return ROUTING_OVERRIDES.contains(headerName.toLowerCase(Locale.ROOT));
    }

    public static boolean isUntrusted(String headerName) {
        return claimsIdentity(headerName) || overridesRouting(headerName);
    }
}
