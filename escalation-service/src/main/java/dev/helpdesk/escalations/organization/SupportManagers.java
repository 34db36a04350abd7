package dev.helpdesk.escalations.organization;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Each organisation's named support manager (from {@code OrganizationRegisteredEvent} and an
 * {@code OrganizationTermsChangedEvent} whose {@code changedFields} name {@code supportManager}), each from the instant
 * it is in force, so that a change announced for a later date names the new person only from then.
 */
@Repository
public class SupportManagers {

    private final JdbcTemplate jdbc;

    public SupportManagers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The support manager of a registration: in force from the beginning (until a terms change). */
    public void registered(String organizationId, String supportManager) {
        jdbc.update("""
                INSERT INTO organization_support_manager (organization_id, effective_from, support_manager)
                VALUES (?, '-infinity', ?)
                ON CONFLICT (organization_id, effective_from) DO UPDATE SET support_manager = excluded.support_manager""",
                organizationId, blankToNull(supportManager));
    }

    /** A terms change: {@code supportManager} (null: none) from {@code effectiveFrom}. */
    public void changed(String organizationId, String supportManager, Instant effectiveFrom) {
        jdbc.update("""
                INSERT INTO organization_support_manager (organization_id, effective_from, support_manager)
                VALUES (?, ?, ?)
                ON CONFLICT (organization_id, effective_from) DO UPDATE SET support_manager = excluded.support_manager""",
                organizationId, Timestamp.from(effectiveFrom), blankToNull(supportManager));
    }

    /** Who is the organisation's support manager at {@code at}; null when none is known. */
    public String inForceAt(String organizationId, Instant at) {
        List<String> names = jdbc.queryForList("""
                SELECT support_manager FROM organization_support_manager
                WHERE organization_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1""",
                String.class, organizationId, Timestamp.from(at));
        return names.isEmpty() ? null : names.get(0);
    }

    private static String blankToNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }
}
