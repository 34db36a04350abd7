package dev.helpdesk.pipeline.membership;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a user is a current contact of an organisation, read from the service's own table (by default
 * {@code contact_membership}, kept by {@link ContactMembershipHandler}). Only "member" answers are cached, for at
 * most the configured TTL (5 s by default): a removal is seen by every instance within that TTL after the service
 * applied it, and at once on the instance that applied it (its handler evicts the entry); an addition is seen as
 * soon as it is applied. No domain rule here beyond "a contact must be a current member of the org in its token".
 */
public class ContactMemberships {

    static final String DEFAULT_QUERY =
            "SELECT EXISTS (SELECT 1 FROM contact_membership WHERE organization_id = ? AND user_id = ?)";
    private static final int MAX_ENTRIES = 100_000;

    private final JdbcTemplate jdbc;
    private final Duration ttl;
    private final String existsQuery;
    private final Clock clock;
    private final Map<Key, Long> members = new ConcurrentHashMap<>();

    public ContactMemberships(JdbcTemplate jdbc, Duration ttl) {
        this(jdbc, ttl, DEFAULT_QUERY);
    }

    /**
     * A reader of another table of the same meaning: {@code existsQuery} takes the organisation and the user as its
     * two parameters and answers one boolean.
     */
    public ContactMemberships(JdbcTemplate jdbc, Duration ttl, String existsQuery) {
        this(jdbc, ttl, existsQuery, Clock.systemUTC());
    }

    ContactMemberships(JdbcTemplate jdbc, Duration ttl, String existsQuery, Clock clock) {
        this.jdbc = jdbc;
        this.ttl = ttl;
        this.existsQuery = existsQuery;
        this.clock = clock;
    }

    public boolean isMember(String organizationId, String userId) {
        if (organizationId == null || userId == null) {
            return false;
        }
        Key key = new Key(organizationId, userId);
        long now = clock.millis();
        Long until = members.get(key);
        if (until != null && until > now) {
            return true;
        }
        boolean member = Boolean.TRUE.equals(jdbc.queryForObject(existsQuery, Boolean.class, organizationId, userId));
        if (member && !ttl.isZero()) {
            if (members.size() >= MAX_ENTRIES) {
                members.values().removeIf(expiry -> expiry <= now);
                if (members.size() >= MAX_ENTRIES) {
                    members.clear();
                }
            }
            members.put(key, now + ttl.toMillis());
        } else {
            members.remove(key);
        }
        return member;
    }

    /** Forgets what is cached of this user in this organisation (after a change applied on this instance). */
    public void evict(String organizationId, String userId) {
        members.remove(new Key(organizationId, userId));
    }

    private record Key(String organizationId, String userId) {
    }
}
