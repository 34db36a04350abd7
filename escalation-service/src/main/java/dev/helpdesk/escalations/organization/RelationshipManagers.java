package dev.helpdesk.escalations.organization;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Each organisation's relationship manager (from {@code OrganizationRegisteredEvent} and
 * {@code OrganizationTermsChangedEvent}), each from the instant it is in force, so that a change announced for a later
 * date names the new person only from then.
 */
@Repository
public class RelationshipManagers {

    private final JdbcTemplate jdbc;

    public RelationshipManagers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The relationship manager of a registration: in force from the beginning (until a terms change). */
    public void registered(String organizationId, String relationshipManager) {
        jdbc.update("""
                INSERT INTO organization_relationship_manager (organization_id, effective_from, relationship_manager)
                VALUES (?, '-infinity', ?)
                ON CONFLICT (organization_id, effective_from) DO UPDATE SET relationship_manager = excluded.relationship_manager""",
                organizationId, blankToNull(relationshipManager));
    }

    /** A terms change: {@code relationshipManager} (null: none) from {@code effectiveFrom}. */
    public void changed(String organizationId, String relationshipManager, Instant effectiveFrom) {
        jdbc.update("""
                INSERT INTO organization_relationship_manager (organization_id, effective_from, relationship_manager)
                VALUES (?, ?, ?)
                ON CONFLICT (organization_id, effective_from) DO UPDATE SET relationship_manager = excluded.relationship_manager""",
                organizationId, Timestamp.from(effectiveFrom), blankToNull(relationshipManager));
    }

    /** Who is the organisation's relationship manager at {@code at}; null when none is known. */
    public String inForceAt(String organizationId, Instant at) {
        List<String> names = jdbc.queryForList("""
                SELECT relationship_manager FROM organization_relationship_manager
                WHERE organization_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1""",
                String.class, organizationId, Timestamp.from(at));
        return names.isEmpty() ? null : names.get(0);
    }

    private static String blankToNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }
}
