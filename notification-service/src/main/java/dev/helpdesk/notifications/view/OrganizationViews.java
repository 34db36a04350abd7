package dev.helpdesk.notifications.view;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** Who manages each organisation ({@code organization_view}), kept from its registration and terms changes. */
@Repository
public class OrganizationViews {

    private final JdbcTemplate jdbc;

    public OrganizationViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The organisation's current managers (the terms event carries the complete terms, so this replaces them). */
    public void managers(String organizationId, String name, String supportManager, String relationshipManager) {
        jdbc.update("""
                INSERT INTO organization_view (organization_id, name, support_manager, relationship_manager)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (organization_id) DO UPDATE SET name = excluded.name,
                    support_manager = excluded.support_manager, relationship_manager = excluded.relationship_manager,
                    updated_at = now()""", organizationId, name, supportManager, relationshipManager);
    }

    public Optional<Managers> find(String organizationId) {
        return jdbc.query("SELECT support_manager, relationship_manager FROM organization_view WHERE organization_id = ?",
                (rs, n) -> new Managers(rs.getString(1), rs.getString(2)), organizationId).stream().findFirst();
    }

    /** An organisation's support manager and relationship manager, each a user id or an address, or null. */
    public record Managers(String supportManager, String relationshipManager) {

        public static final Managers NONE = new Managers(null, null);
    }
}
