package dev.helpdesk.edge.token;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a token must carry beyond a good signature, for the gateway (reactive) and the services (servlet) alike:
 * an {@code exp} (a token without one would never expire), a time window that holds now, the configured issuer
 * and, when configured, the audience. Plain Java on Spring Security's validators; no web stack.
 */
public final class TokenRules {

    private TokenRules() {
    }

    /** For HS256 tokens of the secret: {@code iss} checked when {@code helpdesk.security.issuer} is set. */
    public static OAuth2TokenValidator<Jwt> forSecret(TokenSettings settings) {
        return rules(settings.hasIssuer() ? settings.issuer() : null, settings);
    }

    /** For tokens of the OIDC issuer: {@code iss} must be the issuer's own address. */
    public static OAuth2TokenValidator<Jwt> forIssuerUri(TokenSettings settings) {
        return rules(settings.issuerUri(), settings);
    }

    private static OAuth2TokenValidator<Jwt> rules(String issuer, TokenSettings settings) {
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        rules.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        rules.add(new JwtTimestampValidator());
        if (issuer != null) {
            rules.add(new JwtIssuerValidator(issuer));
        }
        if (settings.hasAudience()) {
            String audience = settings.audience();
            rules.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                    claimed -> claimed != null && claimed.contains(audience)));
        }
        return new DelegatingOAuth2TokenValidator<>(rules);
    }
}
