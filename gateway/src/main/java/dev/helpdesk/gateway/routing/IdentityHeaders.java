package dev.helpdesk.gateway.routing;

import java.util.List;
import java.util.Locale;

/**
 * Request headers that claim who the caller is. No service trusts them, and the gateway never forwards them, so a
 * client cannot pass one off as set by the gateway or a proxy. Identity travels only in the signed token.
 */
public final class IdentityHeaders {

    private static final List<String> PREFIXES = List.of(
            "x-user", "x-role", "x-org", "x-tenant", "x-auth", "x-email", "x-principal", "x-remote-user",
            "x-forwarded-user", "x-forwarded-email", "x-forwarded-preferred-username", "x-forwarded-groups",
            "x-forwarded-access-token", "x-impersonat", "x-identity", "x-client-id", "x-subject", "x-jwt",
            "remote-user", "x-ms-client-principal", "x-goog-authenticated-user", "x-amzn-oidc");

    private IdentityHeaders() {
    }

    public static boolean claimsIdentity(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return PREFIXES.stream().anyMatch(name::startsWith);
    }
}
