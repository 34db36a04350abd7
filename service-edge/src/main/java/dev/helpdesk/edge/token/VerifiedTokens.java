package dev.helpdesk.edge.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tokens a decoder accepted, keyed by the token string, so that a caller's next requests with the same token skip
 * parsing it and checking its signature and claims again. Used by the gateway (reactive) and every service (servlet,
 * {@link CachingJwtDecoder}); the JWT check was 5 % of the ticket-service's CPU samples per command and the
 * gateway's largest single cost per request (BENCHMARKS.md, benchmarks 1 and 2). Fails closed:
 * <ul>
 *   <li>only accepted tokens are remembered ({@link #remember} is called with what the decoder returned); a refused
 *   one (bad signature, wrong issuer or audience, expired, not yet valid, unparsable) goes to the decoder every
 *   time;</li>
 *   <li>an entry is never used at or after the token's {@code exp} (checked on every hit against the clock, not only
 *   by the cache's eviction), nor longer than {@code maxAge} after it was checked, so that a key the issuer withdrew
 *   stops being trusted within {@code maxAge};</li>
 *   <li>a token without {@code exp} is not remembered (the rules refuse it anyway);</li>
 *   <li>at most {@code maxEntries} tokens are held; beyond that, the least used are dropped (and checked again on
 *   their next use).</li>
 * </ul>
 * Once a remembered token reaches its {@code exp} it goes to the decoder again, which answers exactly as it did
 * without this cache (including its clock-skew allowance).
 */
public final class VerifiedTokens {

    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration maxAge;
    private final Cache<String, Entry> accepted;

    public VerifiedTokens() {
        this(Clock.systemUTC(), DEFAULT_MAX_ENTRIES, DEFAULT_MAX_AGE);
    }

    public VerifiedTokens(Clock clock, int maxEntries, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.accepted = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> nanos(clock.instant()))
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String token, Entry entry, long currentTime) {
                        return Math.max(0, nanos(entry.usableUntil()) - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String token, Entry entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(token, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String token, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The token as the decoder accepted it, if it was accepted and its entry may still be used; otherwise null. */
    public Jwt recall(String token) {
        Entry entry = accepted.getIfPresent(token);
        if (entry == null) {
            return null;
        }
        if (clock.instant().isBefore(entry.usableUntil())) {
            return entry.jwt();
        }
        accepted.invalidate(token);
        return null;
    }

    /** Remembers a token the decoder has just accepted (never call it with anything else). */
    public void remember(String token, Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return;
        }
        Instant checked = clock.instant();
        Instant until = expiresAt.isBefore(checked.plus(maxAge)) ? expiresAt : checked.plus(maxAge);
        if (checked.isBefore(until)) {
            accepted.put(token, new Entry(jwt, until));
        }
    }

    /** How many tokens are remembered now (for tests). */
    public long size() {
        accepted.cleanUp();
        return accepted.estimatedSize();
    }

    /** Nanoseconds on the cache's time line (the clock's, so that tests can move it). */
    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private record Entry(Jwt jwt, Instant usableUntil) {
    }
}
