package dev.helpdesk.tickets.organization.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

@Component
public class OrganizationQueries {

    private final JdbcTemplate jdbc;

    OrganizationQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OrganizationView> find(String id) {
        List<OrganizationView.Contact> contacts = jdbc.query(
                "SELECT user_id, name, email FROM organization_contact WHERE organization_id = ? ORDER BY user_id",
                (rs, n) -> new OrganizationView.Contact(rs.getString(1), rs.getString(2), rs.getString(3)), id);
        return jdbc.query("SELECT * FROM organization_view WHERE id = ?", (rs, n) -> new OrganizationView(
                rs.getString("id"), rs.getString("name"), rs.getString("plan"), rs.getString("calendar"),
                rs.getString("time_zone"),
                new OrganizationView.SupportPeriod(rs.getDate("period_start").toLocalDate(), rs.getDate("period_end").toLocalDate()),
                rs.getInt("contact_limit"), rs.getString("support_manager"),
                rs.getString("currency") == null ? null : new OrganizationView.Budget(rs.getBigDecimal("budget_amount"),
                        rs.getString("currency"), rs.getBigDecimal("standard_rate"), rs.getBigDecimal("consultancy_rate"),
                        rs.getBigDecimal("purchased_total")),
                contacts, rs.getLong("version")), id).stream().findFirst();
    }
}
