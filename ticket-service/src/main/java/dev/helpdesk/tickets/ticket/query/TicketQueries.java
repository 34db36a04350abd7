package dev.helpdesk.tickets.ticket.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.edge.caller.TenantScope;
import dev.helpdesk.edge.paging.CursorPage;
import dev.helpdesk.edge.paging.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the ticket views for a reader: staff see the stream version and the time of the last change; everyone else
 * (contacts) sees the version and time of the last change they can see ({@link ContactVisibility}), so the
 * {@code version}, {@code ETag} and {@code updatedAt} they are shown never move for an internal note.
 */
@Component
public class TicketQueries {

    /** What the API shows of a ticket: every column but the search document (up to 512 KB, never sent). */
    private static final String COLUMNS = "id, ticket_key, organization_id, type, severity, status, title, description,"
            + " course_id, affected_user_email, page_url, channel, assignee, escalation_level, opened_by, opened_at,"
            + " updated_at, version, public_updated_at, public_version, resolution, severity_requests";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<TicketView.SeverityRequest>> REQUESTS = new TypeReference<>() {
    };

    private static final RowMapper<TicketView> FOR_STAFF = ticket("version", "updated_at");
    private static final RowMapper<TicketView> FOR_CONTACTS = ticket("public_version", "public_updated_at");

    private final JdbcTemplate jdbc;
    private final TicketCursors cursors;

    TicketQueries(JdbcTemplate jdbc, TicketCursors cursors) {
        this.jdbc = jdbc;
        this.cursors = cursors;
    }

    /** The ticket without comments and attachments, with its version as staff see it. */
    public Optional<TicketView> summary(String id) {
        return summary(id, true);
    }

    /**
     * The ticket with its comments (internal ones and the stream version only when {@code staff}) and attachments,
     * read in one statement.
     */
    public Optional<TicketView> details(String id, boolean staff) {
        return jdbc.query("SELECT " + COLUMNS + ", " + DETAILS + " FROM ticket_view v WHERE v.id = ?",
                (rs, n) -> withDetails(rs, n, staff), staff, id).stream().findFirst();
    }

    /**
     * What a write answers, read once inside the command's own transaction after its events were stored and the
     * inline projection applied them: the ticket as {@link #details} reads it, the stream version the view shows
     * and the stream version of the event store, in one statement.
     */
    public Optional<Written> written(String id, boolean staff) {
        return jdbc.query("SELECT " + COLUMNS + ", " + DETAILS + ", (SELECT max(e.sequence_number) FROM domain_event_entry e"
                        + " WHERE e.aggregate_identifier = v.id) AS stream_version FROM ticket_view v WHERE v.id = ?",
                (rs, n) -> new Written(withDetails(rs, n, staff), rs.getLong("version"), rs.getLong("stream_version")),
                staff, id).stream().findFirst();
    }

    /**
     * {@code view} as the writer sees it; {@code viewVersion}: the stream version the view has applied;
     * {@code streamVersion}: the last sequence number stored. The view shows the write when they are equal.
     */
    public record Written(TicketView view, long viewVersion, long streamVersion) {
        public boolean viewIsCurrent() {
            return viewVersion >= streamVersion;
        }
    }

    /** Comments (all, or only public ones unless the first parameter is true) and attachments as JSON arrays. */
    private static final String DETAILS = "(SELECT coalesce(json_agg(json_build_object('id', c.id, 'authorId', c.author_id,"
            + " 'authorKind', c.author_kind, 'visibility', c.visibility, 'body', c.body, 'addedAt', c.added_at)"
            + " ORDER BY c.added_at, c.id), '[]') FROM ticket_comment c WHERE c.ticket_id = v.id"
            + " AND (?::boolean OR c.visibility = 'PUBLIC')) AS comments_json,"
            + " (SELECT coalesce(json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType',"
            + " a.content_type, 'size', a.size, 'sha256', a.sha256, 'addedBy', a.added_by, 'addedAt', a.added_at)"
            + " ORDER BY a.added_at, a.id), '[]') FROM ticket_attachment a WHERE a.ticket_id = v.id) AS attachments_json";

    private static TicketView withDetails(java.sql.ResultSet rs, int n, boolean staff) throws java.sql.SQLException {
        TicketView ticket = (staff ? FOR_STAFF : FOR_CONTACTS).mapRow(rs, n);
        try {
            List<TicketView.Comment> comments = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode c : JSON.readTree(rs.getString("comments_json"))) {
                comments.add(new TicketView.Comment(c.get("id").asText(), text(c, "authorId"), text(c, "authorKind"),
                        text(c, "visibility"), text(c, "body"), jsonInstant(c.get("addedAt"))));
            }
            List<TicketView.Attachment> attachments = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode a : JSON.readTree(rs.getString("attachments_json"))) {
                attachments.add(new TicketView.Attachment(a.get("id").asText(), text(a, "fileName"), text(a, "contentType"),
                        a.get("size").asLong(), text(a, "sha256"), text(a, "addedBy"), jsonInstant(a.get("addedAt"))));
            }
            return ticket.withDetails(comments, attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable comments or attachments of ticket " + ticket.id(), e);
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        com.fasterxml.jackson.databind.JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant jsonInstant(com.fasterxml.jackson.databind.JsonNode value) {
        return value == null || value.isNull() ? null : java.time.OffsetDateTime.parse(value.asText()).toInstant();
    }

    /** A ticket's stream version and the version its contacts see, read together. */
    public Optional<Versions> versions(String id) {
        return jdbc.query("SELECT version, public_version FROM ticket_view WHERE id = ?",
                (rs, n) -> new Versions(rs.getLong(1), rs.getLong(2)), id).stream().findFirst();
    }

    /** {@code stream}: the version of the ticket's event stream; {@code contacts}: the version contacts are shown. */
    public record Versions(long stream, long contacts) {
    }

    private Optional<TicketView> summary(String id, boolean staff) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ticket_view WHERE id = ?", staff ? FOR_STAFF : FOR_CONTACTS, id)
                .stream().findFirst();
    }

    public Optional<TicketView.Attachment> attachment(String ticketId, String attachmentId) {
        return attachments(ticketId).stream().filter(a -> a.id().equals(attachmentId)).findFirst();
    }

    /**
     * A page of the tickets in the caller's scope that match the search, in its order, their versions as staff
     * ({@code staff}) or contacts see them. The page starts where {@code cursor} says (a cursor of the same search,
     * scope and reader; else a 400 problem), or else at {@code paging}'s page; {@code nextCursor} names the page after.
     */
    public CursorPage<TicketView> list(TenantScope scope, TicketSearch search, PageRequest paging, String cursor,
                                       boolean staff) {
        if (scope.isNothing()) {
            return CursorPage.empty(paging);
        }
        String fingerprint = search.fingerprint(scope.organizationId().orElse("*"), staff);
        TicketCursors.Position after = cursor == null ? null : cursors.read(cursor, fingerprint);
        List<Object> args = new ArrayList<>();
        String where = where(scope, search, args);
        Long total = jdbc.queryForObject("SELECT count(*) FROM ticket_view" + where, Long.class, args.toArray());

        SortOrder order = SortOrder.of(search.sort(), staff);
        List<Object> pageArgs = new ArrayList<>(args);
        String keyset = order.after(after, pageArgs);
        pageArgs.add(paging.size() + 1);
        pageArgs.add(after == null ? paging.offset() : 0L);
        RowMapper<TicketView> view = staff ? FOR_STAFF : FOR_CONTACTS;
        List<Row> rows = jdbc.query("SELECT * FROM (SELECT " + COLUMNS + ", " + order.key() + " AS sort_key FROM ticket_view"
                        + where + ") t" + keyset + " ORDER BY " + order.orderBy() + " LIMIT ? OFFSET ?",
                (rs, n) -> new Row(view.mapRow(rs, n), instant(rs.getTimestamp("sort_key"))), pageArgs.toArray());

        int page = after == null ? paging.page() : after.page();
        String next = null;
        if (rows.size() > paging.size()) {
            rows = rows.subList(0, paging.size());
            Row last = rows.get(rows.size() - 1);
            next = cursors.write(fingerprint, new TicketCursors.Position(page + 1, last.key(), last.view().id()));
        }
        return new CursorPage<>(rows.stream().map(Row::view).toList(), page, paging.size(), total == null ? 0 : total, next);
    }

    private record Row(TicketView view, Instant key) {
    }

    /** The WHERE clause of the scope and the search, adding its arguments. */
    private static String where(TenantScope scope, TicketSearch search, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        condition(where, args, "organization_id", scope.organizationId().orElse(null));
        condition(where, args, "status", search.status());
        condition(where, args, "severity", search.severity());
        condition(where, args, "type", search.type());
        condition(where, args, "assignee", search.assignee());
        condition(where, args, "opened_by", search.openedBy());
        if (search.unassigned()) {
            where.append(" AND assignee IS NULL");
        }
        if (search.from() != null) {
            where.append(" AND opened_at >= ?");
            args.add(Timestamp.from(search.from()));
        }
        if (search.to() != null) {
            where.append(" AND opened_at < ?");
            args.add(Timestamp.from(search.to()));
        }
        if (search.text() != null) {
            where.append(" AND search_vector @@ ticket_search_query(?)");
            args.add(search.text());
        }
        return where.toString();
    }

    /** The stream version the view has reached for a ticket, -1 when it has not seen the ticket yet. */
    public long version(String id) {
        return jdbc.query("SELECT version FROM ticket_view WHERE id = ?", (rs, n) -> rs.getLong(1), id)
                .stream().findFirst().orElse(-1L);
    }

    private List<TicketView.Attachment> attachments(String ticketId) {
        return jdbc.query("SELECT * FROM ticket_attachment WHERE ticket_id = ? ORDER BY added_at, id",
                (rs, n) -> new TicketView.Attachment(rs.getString("id"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"), rs.getString("added_by"),
                        instant(rs.getTimestamp("added_at"))), ticketId);
    }

    private static void condition(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static RowMapper<TicketView> ticket(String versionColumn, String updatedAtColumn) {
        return (rs, n) -> new TicketView(
                rs.getString("id"), rs.getString("ticket_key"), rs.getString("organization_id"), rs.getString("type"),
                rs.getString("severity"), rs.getString("status"), rs.getString("title"), rs.getString("description"),
                rs.getString("course_id"), rs.getString("affected_user_email"), rs.getString("page_url"),
                rs.getString("channel"), rs.getString("assignee"), rs.getInt("escalation_level"), rs.getString("opened_by"),
                instant(rs.getTimestamp("opened_at")), instant(rs.getTimestamp(updatedAtColumn)), rs.getLong(versionColumn),
                List.of(), List.of(), rs.getString("resolution"), severityRequests(rs.getString("severity_requests")));
    }

    private static List<TicketView.SeverityRequest> severityRequests(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, REQUESTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable severity requests in the ticket view", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
