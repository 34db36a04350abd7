package dev.helpdesk.gateway.security;

import dev.helpdesk.edge.token.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * The gateway's {@link ReactiveJwtDecoder} behind {@link VerifiedTokens} (service-edge, the same rules as the
 * services'): a token the decoder accepted is not parsed and checked again until its {@code exp} (at most five
 * minutes); a refused one always goes to the decoder.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final VerifiedTokens accepted;

    VerifiedTokenCache(ReactiveJwtDecoder decoder) {
        this(decoder, Clock.systemUTC(), VerifiedTokens.DEFAULT_MAX_ENTRIES, VerifiedTokens.DEFAULT_MAX_AGE);
    }

    VerifiedTokenCache(ReactiveJwtDecoder decoder, Clock clock, int maxEntries, Duration maxAge) {
        this.decoder = decoder;
        this.accepted = new VerifiedTokens(clock, maxEntries, maxAge);
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt remembered = accepted.recall(token);
        if (remembered != null) {
            return Mono.just(remembered);
        }
        return decoder.decode(token).doOnNext(jwt -> accepted.remember(token, jwt));
    }

    /** How many tokens are remembered now (for tests). */
    long size() {
        return accepted.size();
    }
}
