package dev.helpdesk.tickets.organization.query;

import dev.helpdesk.edge.caller.TenantScope;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.edge.paging.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@Component
public class OrganizationQueries {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OrganizationQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The organisation with the terms in effect now. */
    public Optional<OrganizationView> find(String id) {
        List<OrganizationView.Contact> contacts = jdbc.query(
                "SELECT user_id, name, email FROM organization_contact WHERE organization_id = ? ORDER BY user_id",
                (rs, n) -> new OrganizationView.Contact(rs.getString(1), rs.getString(2), rs.getString(3)), id);
        List<OrganizationView.TermsChange> history = jdbc.query(
                "SELECT * FROM organization_terms_change WHERE organization_id = ? ORDER BY version", TERMS_CHANGE, id);
        return jdbc.query("SELECT * FROM organization_view WHERE id = ?", (rs, n) -> new OrganizationView(
                rs.getString("id"), rs.getString("name"), rs.getString("plan"), rs.getString("calendar"),
                rs.getString("time_zone"),
                new OrganizationView.SupportPeriod(rs.getDate("period_start").toLocalDate(), rs.getDate("period_end").toLocalDate()),
                rs.getInt("contact_limit"), rs.getString("support_manager"), rs.getString("relationship_manager"),
                rs.getString("currency") == null ? null : new OrganizationView.Budget(rs.getBigDecimal("budget_amount"),
                        rs.getString("currency"), rs.getBigDecimal("standard_rate"), rs.getBigDecimal("consultancy_rate"),
                        rs.getBigDecimal("purchased_total")),
                contacts, history, rs.getLong("version")), id).stream().findFirst()
                .map(view -> inEffect(view, clock.instant()));
    }

    /** A page of organisations in the scope, by name (each as {@link #find(String)} shows it). */
    public Page<OrganizationView> list(TenantScope scope, PageRequest paging) {
        if (scope.isNothing()) {
            return Page.empty(paging);
        }
        String where = scope.organizationId().map(own -> " WHERE id = ?").orElse("");
        Object[] args = scope.organizationId().map(own -> new Object[] {own}).orElse(new Object[0]);
        Long total = jdbc.queryForObject("SELECT count(*) FROM organization_view" + where, Long.class, args);
        Object[] pageArgs = Arrays.copyOf(args, args.length + 2);
        pageArgs[args.length] = paging.size();
        pageArgs[args.length + 1] = paging.offset();
        List<String> ids = jdbc.queryForList("SELECT id FROM organization_view" + where
                + " ORDER BY lower(name), id LIMIT ? OFFSET ?", String.class, pageArgs);
        List<OrganizationView> items = ids.stream().map(this::find).flatMap(Optional::stream).toList();
        return new Page<>(items, paging.page(), paging.size(), total == null ? 0 : total);
    }

    /** The view with the last change that took effect by {@code now} (changes come in the order of their effect). */
    private static OrganizationView inEffect(OrganizationView view, Instant now) {
        OrganizationView.TermsChange due = null;
        for (OrganizationView.TermsChange change : view.termsHistory()) {
            if (!change.effectiveFrom().isAfter(now)) {
                due = change;
            }
        }
        return due == null ? view : view.withTermsOf(due);
    }

    private static final RowMapper<OrganizationView.TermsChange> TERMS_CHANGE = OrganizationQueries::termsChange;

    private static OrganizationView.TermsChange termsChange(ResultSet rs, int row) throws SQLException {
        return new OrganizationView.TermsChange(rs.getTimestamp("effective_from").toInstant(),
                rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by"),
                List.of(rs.getString("changed_fields").split(",")), rs.getString("name"), rs.getString("plan"),
                rs.getString("calendar"), rs.getString("time_zone"), rs.getInt("contact_limit"),
                rs.getString("support_manager"), rs.getString("relationship_manager"),
                rs.getBigDecimal("standard_rate"), rs.getBigDecimal("consultancy_rate"));
    }
}
