package dev.helpdesk.gateway.cors;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.List;

/**
 * Browser origins of the portals that may call the API ({@code helpdesk.gateway.cors.allowed-origins}, env
 * {@code HELPDESK_GATEWAY_CORS_ORIGINS}, comma separated, e.g. {@code https://portal.example.org}). Empty: no cross-origin
 * calls. Each must be an exact origin ({@code scheme://host[:port]}); a wildcard is refused.
 */
@ConfigurationProperties("helpdesk.gateway.cors")
public record CorsSettings(List<String> allowedOrigins) {

    public CorsSettings {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
        allowedOrigins.forEach(CorsSettings::requireExactOrigin);
    }

    private static void requireExactOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("helpdesk.gateway.cors.allowed-origins: not an origin: " + origin);
        }
        boolean exact = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                && uri.getHost() != null && !uri.getHost().contains("*")
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!exact) {
            throw new IllegalArgumentException(
                    "helpdesk.gateway.cors.allowed-origins: expected scheme://host[:port], got " + origin);
        }
    }
}
