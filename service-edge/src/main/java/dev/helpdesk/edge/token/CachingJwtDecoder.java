package dev.helpdesk.edge.token;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A service's {@link JwtDecoder} behind {@link VerifiedTokens}: a token the decoder accepted is not parsed and checked
 * again until its {@code exp} (at most five minutes); a refused one always goes to the decoder, which throws as
 * before.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder decoder;
    private final VerifiedTokens accepted;

    public CachingJwtDecoder(JwtDecoder decoder, VerifiedTokens accepted) {
        this.decoder = decoder;
        this.accepted = accepted;
    }

    @Override
    public Jwt decode(String token) {
        Jwt remembered = accepted.recall(token);
        if (remembered != null) {
            return remembered;
        }
        Jwt jwt = decoder.decode(token);
        accepted.remember(token, jwt);
        return jwt;
    }
}
