package dev.helpdesk.notifications.view;

import dev.helpdesk.notifications.notice.EmailAddresses;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The e-mail address known for each user ({@code user_address}). The events carry contacts' addresses
 * (contact-added); staff addresses come from their token when they call this service, or from configuration. The
 * newest source wins; an invalid address is ignored.
 */
@Repository
public class UserAddresses {

    public static final String FROM_CONTACT_EVENT = "contact-added";
    public static final String FROM_TOKEN = "token";
    public static final String FROM_CONFIGURATION = "configuration";

    private final JdbcTemplate jdbc;

    public UserAddresses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String userId, String email, String source) {
        if (userId == null || userId.isBlank() || !EmailAddresses.isValid(email)) {
            return;
        }
        jdbc.update("""
                INSERT INTO user_address (user_id, email, source) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, source = excluded.source, updated_at = now()
                WHERE user_address.email IS DISTINCT FROM excluded.email OR user_address.source IS DISTINCT FROM excluded.source""",
                userId, email, source);
    }

    /** Records a configured address unless a newer source (a token, an event) already gave one. */
    public void recordConfigured(String userId, String email) {
        jdbc.update("""
                INSERT INTO user_address (user_id, email, source) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, updated_at = now()
                WHERE user_address.source = ?""", userId, email, FROM_CONFIGURATION, FROM_CONFIGURATION);
    }

    public Optional<String> addressOf(String userId) {
        return jdbc.queryForList("SELECT email FROM user_address WHERE user_id = ?", String.class, userId)
                .stream().findFirst();
    }
}
