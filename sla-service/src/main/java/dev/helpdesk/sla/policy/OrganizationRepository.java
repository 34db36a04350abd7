package dev.helpdesk.sla.policy;

import dev.helpdesk.sla.settings.SettingsChanges;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** What the service knows of organisations: the contract facts from their events and an explicit policy. */
@Repository
public class OrganizationRepository {

    private final JdbcTemplate jdbc;
    private final SettingsChanges changes;

    public OrganizationRepository(JdbcTemplate jdbc, SettingsChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** Records the contract facts of registrations, in the caller's transaction (one statement). */
    public void recordContracts(List<Registration> registrations) {
        if (registrations.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO organization (organization_id, plan, calendar_kind, time_zone)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
                ON CONFLICT (organization_id) DO UPDATE SET plan = excluded.plan, calendar_kind = excluded.calendar_kind,
                    time_zone = excluded.time_zone""",
                registrations.stream().map(Registration::organizationId).toArray(String[]::new),
                registrations.stream().map(r -> r.contract().plan()).toArray(String[]::new),
                registrations.stream().map(r -> r.contract().calendarKind()).toArray(String[]::new),
                registrations.stream().map(r -> r.contract().timeZone()).toArray(String[]::new));
    }

    /** Gives the organisation a policy of its own, and tells every instance to forget its copy. */
    @Transactional
    public void assignPolicy(String organizationId, String policyId) {
        jdbc.update("""
                INSERT INTO organization (organization_id, policy_id) VALUES (?, ?)
                ON CONFLICT (organization_id) DO UPDATE SET policy_id = excluded.policy_id""", organizationId, policyId);
        changes.policyAssigned(organizationId, policyId);
    }

    /** The contract facts and the assigned policy, in one statement; all null when nothing is known. */
    public Organization find(String organizationId) {
        return jdbc.query("SELECT plan, calendar_kind, time_zone, policy_id FROM organization WHERE organization_id = ?",
                        (row, index) -> new Organization(new Contract(row.getString("plan"),
                                row.getString("calendar_kind"), row.getString("time_zone")), row.getString("policy_id")),
                        organizationId)
                .stream().findFirst().orElse(new Organization(new Contract(null, null, null), null));
    }

    public record Contract(String plan, String calendarKind, String timeZone) {

        boolean known() {
            return plan != null || calendarKind != null || timeZone != null;
        }
    }

    /** @param assignedPolicy the policy an admin gave it, or null (then its plan decides) */
    public record Organization(Contract contract, String assignedPolicy) {

        /** Whether its registration was seen (its contract facts never change afterwards). */
        public boolean registered() {
            return contract.known();
        }
    }

    public record Registration(String organizationId, Contract contract) {
    }
}
