package dev.helpdesk.webhooks.endpoint;

import dev.helpdesk.edge.caller.TenantScope;
import dev.helpdesk.edge.paging.Page;
import dev.helpdesk.edge.paging.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code endpoint} table and the delivery log's reads. */
@Repository
public class EndpointRepository {

    private static final String COLUMNS = "id, url, event_types, organization_id, active, secret, previous_secret, "
            + "previous_secret_until, consecutive_failures, disabled_at, disabled_reason, created_by, created_at, "
            + "updated_at, version";

    private final JdbcTemplate jdbc;

    public EndpointRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Endpoint e) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO endpoint (id, url, event_types, organization_id, "
                    + "active, secret, created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
            statement.setObject(1, e.id());
            statement.setString(2, e.url());
            statement.setArray(3, connection.createArrayOf("text", e.eventTypes().toArray()));
            statement.setString(4, e.organizationId());
            statement.setBoolean(5, e.active());
            statement.setString(6, e.secret());
            statement.setString(7, e.createdBy());
            statement.setTimestamp(8, Timestamp.from(e.createdAt()));
            statement.setTimestamp(9, Timestamp.from(e.updatedAt()));
            return statement;
        });
    }

    public Optional<Endpoint> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM endpoint WHERE id = ?", ENDPOINT, id).stream().findFirst();
    }

    /** Locks the row for the rest of the transaction. */
    public Optional<Endpoint> lock(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM endpoint WHERE id = ? FOR UPDATE", ENDPOINT, id).stream().findFirst();
    }

    public Page<EndpointView> list(TenantScope scope, PageRequest paging) {
        if (scope.isNothing()) {
            return Page.empty(paging);
        }
        String organization = scope.organizationId().orElse(null);
        String where = organization == null ? "" : " WHERE organization_id = ?";
        Object[] args = organization == null ? new Object[0] : new Object[]{organization};
        Long total = jdbc.queryForObject("SELECT count(*) FROM endpoint" + where, Long.class, args);
        List<Object> pageArgs = new ArrayList<>(Arrays.asList(args));
        pageArgs.add(paging.size());
        pageArgs.add(paging.offset());
        List<EndpointView> items = jdbc.query("SELECT " + COLUMNS + " FROM endpoint" + where
                        + " ORDER BY created_at, id LIMIT ? OFFSET ?", ENDPOINT, pageArgs.toArray()).stream()
                .map(EndpointView::of).toList();
        return new Page<>(items, paging.page(), paging.size(), total == null ? 0 : total);
    }

    /**
     * Replaces what an admin may change; an endpoint switched on again starts with no failures counted. Answers false
     * when the row moved past {@code expectedVersion} meanwhile.
     */
    public boolean replace(UUID id, long expectedVersion, EndpointRequest request, Instant now) {
        return jdbc.update(connection -> {
            var statement = connection.prepareStatement("UPDATE endpoint SET url = ?, event_types = ?, "
                    + "organization_id = ?, active = ?, updated_at = ?, version = version + 1, "
                    + "consecutive_failures = CASE WHEN ? AND NOT active THEN 0 ELSE consecutive_failures END, "
                    + "disabled_at = CASE WHEN ? THEN NULL ELSE disabled_at END, "
                    + "disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END "
                    + "WHERE id = ? AND version = ?");
            boolean active = request.activeOrDefault();
            statement.setString(1, request.url());
            statement.setArray(2, connection.createArrayOf("text", request.eventTypes().toArray()));
            statement.setString(3, request.organizationId());
            statement.setBoolean(4, active);
            statement.setTimestamp(5, Timestamp.from(now));
            statement.setBoolean(6, active);
            statement.setBoolean(7, active);
            statement.setBoolean(8, active);
            statement.setObject(9, id);
            statement.setLong(10, expectedVersion);
            return statement;
        }) == 1;
    }

    public boolean rotate(UUID id, long expectedVersion, String newSecret, Instant previousUntil, Instant now) {
        return jdbc.update("UPDATE endpoint SET previous_secret = secret, previous_secret_until = ?, secret = ?, "
                        + "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                Timestamp.from(previousUntil), newSecret, Timestamp.from(now), id, expectedVersion) == 1;
    }

    public boolean delete(UUID id, long expectedVersion) {
        return jdbc.update("DELETE FROM endpoint WHERE id = ? AND version = ?", id, expectedVersion) == 1;
    }

    /** The delivery log of one endpoint, newest first. */
    public Page<DeliveryView> deliveries(UUID endpointId, TenantScope scope, PageRequest paging) {
        if (scope.isNothing()) {
            return Page.empty(paging);
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM delivery WHERE endpoint_id = ?", Long.class, endpointId);
        List<DeliveryView> items = jdbc.query("SELECT id, event_id, event_type, state, attempts, next_attempt_at, "
                        + "last_attempt_at, last_status, last_error, created_at, finished_at FROM delivery "
                        + "WHERE endpoint_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, n) -> new DeliveryView(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"),
                        rs.getString("state"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                        instant(rs, "last_attempt_at"), (Integer) rs.getObject("last_status"),
                        rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "finished_at")),
                endpointId, paging.size(), paging.offset());
        return new Page<>(items, paging.page(), paging.size(), total == null ? 0 : total);
    }

    static final RowMapper<Endpoint> ENDPOINT = (rs, n) -> new Endpoint(
            rs.getObject("id", UUID.class), rs.getString("url"), strings(rs.getArray("event_types")),
            rs.getString("organization_id"), rs.getBoolean("active"), rs.getString("secret"),
            rs.getString("previous_secret"), instant(rs, "previous_secret_until"), rs.getInt("consecutive_failures"),
            instant(rs, "disabled_at"), rs.getString("disabled_reason"), rs.getString("created_by"),
            instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));

    public static RowMapper<Endpoint> rowMapper() {
        return ENDPOINT;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
