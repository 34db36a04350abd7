package dev.helpdesk.sla.policy;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the service knows of organisations: the contract facts from their events and an explicit policy. */
@Repository
public class OrganizationRepository {

    private final JdbcTemplate jdbc;

    public OrganizationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void recordContract(String organizationId, String plan, String calendarKind, String timeZone) {
        jdbc.update("""
                INSERT INTO organization (organization_id, plan, calendar_kind, time_zone) VALUES (?, ?, ?, ?)
                ON CONFLICT (organization_id) DO UPDATE SET plan = excluded.plan, calendar_kind = excluded.calendar_kind,
                    time_zone = excluded.time_zone""", organizationId, plan, calendarKind, timeZone);
    }

    public void assignPolicy(String organizationId, String policyId) {
        jdbc.update("""
                INSERT INTO organization (organization_id, policy_id) VALUES (?, ?)
                ON CONFLICT (organization_id) DO UPDATE SET policy_id = excluded.policy_id""", organizationId, policyId);
    }

    /** The contract facts seen in the organisation's events; all null when none was seen. */
    public Contract contract(String organizationId) {
        return jdbc.query("SELECT plan, calendar_kind, time_zone FROM organization WHERE organization_id = ?",
                        (row, index) -> new Contract(row.getString("plan"), row.getString("calendar_kind"), row.getString("time_zone")),
                        organizationId)
                .stream().findFirst().orElse(new Contract(null, null, null));
    }

    public record Contract(String plan, String calendarKind, String timeZone) {
    }

    public Optional<String> assignedPolicy(String organizationId) {
        return jdbc.queryForList("SELECT policy_id FROM organization WHERE organization_id = ? AND policy_id IS NOT NULL",
                String.class, organizationId).stream().findFirst();
    }
}
