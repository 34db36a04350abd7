package dev.helpdesk.escalations.organization;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /** A terms change applied at {@code recordedAt}: {@code supportManager} (null: none) from {@code effectiveFrom}. */
    public void changed(String organizationId, String supportManager, Instant effectiveFrom, Instant recordedAt) {
        jdbc.update("""
                INSERT INTO organization_support_manager (organization_id, effective_from, support_manager, recorded_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (organization_id, effective_from) DO UPDATE
                SET support_manager = excluded.support_manager, recorded_at = excluded.recorded_at""",
                organizationId, Timestamp.from(effectiveFrom), blankToNull(supportManager), Timestamp.from(recordedAt));
    }

    /** Who is the organisation's support manager at {@code at}; null when none is known. */
    public String inForceAt(String organizationId, Instant at) {
        List<String> names = jdbc.queryForList("""
                SELECT support_manager FROM organization_support_manager
                WHERE organization_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1""",
                String.class, organizationId, Timestamp.from(at));
        return names.isEmpty() ? null : names.get(0);
    }

    /**
     * When the latest change of the organisation that was in force when applied was applied after {@code raisedAt}
     * and at or before {@code until}: the instant an open level raised at {@code raisedAt} was last handed over to
     * the manager then in force (the live path's rule); empty when no such change exists.
     */
    public Optional<Instant> lastHandOverAfter(String organizationId, Instant raisedAt, Instant until) {
        Timestamp last = jdbc.queryForObject("""
                SELECT max(recorded_at) FROM organization_support_manager
                WHERE organization_id = ? AND effective_from > '-infinity' AND effective_from <= recorded_at
                  AND recorded_at > ? AND recorded_at <= ?""",
                Timestamp.class, organizationId, Timestamp.from(raisedAt), Timestamp.from(until));
        return Optional.ofNullable(last).map(Timestamp::toInstant);
    }

    private static String blankToNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }
}
