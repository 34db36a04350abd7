package dev.helpdesk.notifications.preference;

import dev.helpdesk.notifications.notice.NotificationType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.EnumSet;
import java.util.Set;

/** Each user's e-mail opt-outs ({@code notification_opt_out}), one row per type the user does not want. */
@Repository
public class OptOuts {

    private final JdbcTemplate jdbc;

    public OptOuts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Set<NotificationType> of(String userId) {
        Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
        jdbc.queryForList("SELECT notification_type FROM notification_opt_out WHERE user_id = ?", String.class, userId)
                .forEach(id -> NotificationType.fromId(id).ifPresent(types::add));
        return types;
    }

    public boolean optedOut(String userId, NotificationType type) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM notification_opt_out WHERE user_id = ? AND notification_type = ?)",
                Boolean.class, userId, type.id()));
    }

    /** Replaces the user's opt-outs with exactly these. */
    @Transactional
    public void replace(String userId, Set<NotificationType> types) {
        String[] ids = types.stream().map(NotificationType::id).toArray(String[]::new);
        jdbc.update("DELETE FROM notification_opt_out WHERE user_id = ? AND NOT (notification_type = ANY (?))",
                ps -> {
                    ps.setString(1, userId);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", ids));
                });
        for (String id : ids) {
            jdbc.update("""
                    INSERT INTO notification_opt_out (user_id, notification_type) VALUES (?, ?)
                    ON CONFLICT DO NOTHING""", userId, id);
        }
    }
}
