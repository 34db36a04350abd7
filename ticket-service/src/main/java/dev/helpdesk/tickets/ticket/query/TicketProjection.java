package dev.helpdesk.tickets.ticket.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.ticket.AttachmentAddedEvent;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.events.ticket.EscalationLevelRecordedEvent;
import dev.helpdesk.events.ticket.EscalationRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangeRequestDecidedEvent;
import dev.helpdesk.events.ticket.SeverityChangeRequestedEvent;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.events.ticket.TicketAssignedEvent;
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.events.ticket.TicketReopenedEvent;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.events.ticket.TimeEntryReversedEvent;
import dev.helpdesk.tickets.config.AxonConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code ticket_view} with its comments and attachments. The view's {@code version} is the stream version of
 * the last event applied: writers wait for it (read-your-writes), and an event at or below it is not applied again.
 * Its {@code public_version} and {@code public_updated_at} move only with events a contact can see
 * ({@link ContactVisibility}): what contacts are shown as the ticket's version, so an internal note moves nothing
 * they see.
 * This tracking processor is the view's keeper of record (it replays, and catches up whatever was not applied);
 * {@link InlineTicketProjection} applies the same handlers inside the command's own transaction.
 * <p>
 * The tracking processor handles its events in batches (one transaction and one token update per batch) and reads
 * the view versions of a batch's tickets once: an event the inline projection already applied is skipped without a
 * statement (issue 15). It still applies whatever the inline projection did not (events stored by other means, or
 * after a view that was behind), and replays.
 */
@Component
@ProcessingGroup(AxonConfig.VIEWS)
class TicketProjection {

    /** The size in bytes past which a ticket's search document takes no more comments (docs/search.md). */
    static final int SEARCH_DOCUMENT_LIMIT = 512 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    final JdbcTemplate jdbc;
    final ViewTables tables;
    private final boolean onlyOnPredecessor;

    @Autowired
    TicketProjection(JdbcTemplate jdbc) {
        this(jdbc, ViewTables.SERVED, false);
    }

    /** {@code onlyOnPredecessor}: apply an event only on top of the one before it in its stream. */
    TicketProjection(JdbcTemplate jdbc, ViewTables tables, boolean onlyOnPredecessor) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.onlyOnPredecessor = onlyOnPredecessor;
    }

    /**
     * A reset of the tracking processor (by hand; the replay API builds a new generation instead, see
     * {@link TicketViewGeneration}) rebuilds the view from the first event.
     */
    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM " + tables.comment());
        jdbc.update("DELETE FROM " + tables.attachment());
        jdbc.update("DELETE FROM " + tables.view());
    }

    @EventHandler
    void on(TicketOpenedEvent e, @SequenceNumber long version) {
        if (appliedBefore(e.ticketId(), version)) {
            return;
        }
        jdbc.update("""
                INSERT INTO %s (id, ticket_key, organization_id, type, severity, status, title, description, course_id,
                    affected_user_email, page_url, channel, opened_by, opened_at, updated_at, version, public_version,
                    public_updated_at, search_vector)
                VALUES (?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?,
                    ticket_search_document(?) || ticket_search_document(?)) ON CONFLICT (id) DO NOTHING"""
                        .formatted(tables.view()),
                e.ticketId(), e.key(), e.organizationId(), e.type().name(), e.severity().name(), e.title(), e.description(),
                e.courseId(), e.affectedUserEmail(), e.pageUrl(), e.channel().name(), e.openedBy(), ts(e.openedAt()),
                ts(e.openedAt()), version, ts(e.openedAt()), e.title(), e.description());
    }

    /** A comment contacts can see also adds its words to the ticket's search document; an internal note never does. */
    @EventHandler
    void on(CommentAddedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        boolean visibleToContacts = ContactVisibility.sees(e);
        // PostgreSQL refuses a tsvector above 1 MB: a document past half of that takes no more words, so that no
        // comment can ever fail its command here.
        Change move = visibleToContacts
                ? new Change("search_vector = CASE WHEN pg_column_size(search_vector) < " + SEARCH_DOCUMENT_LIMIT
                + " THEN search_vector || ticket_search_document(?) ELSE search_vector END", e.body())
                : Change.NONE;
        advanceAndInsert(e.ticketId(), version, at, visibleToContacts, move, """
                INSERT INTO %s (id, ticket_id, author_id, author_kind, visibility, body, added_at)
                SELECT ?, id, ?, ?, ?, ?, ? FROM advanced""".formatted(tables.comment()), e.commentId(), e.authorId(),
                e.authorKind().name(), e.visibility().name(), e.body(), ts(e.addedAt()));
    }

    @EventHandler
    void on(TicketAssignedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        advance(e.ticketId(), version, at, true, new Change("assignee = ?", e.assignee()));
    }

    @EventHandler
    void on(TicketStatusChangedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        // The summary stays while the ticket is RESOLVED and after it CLOSED; any other move clears it.
        advance(e.ticketId(), version, at, true, new Change("status = ?, resolution = CASE WHEN ? THEN ? WHEN ? THEN resolution"
                + " ELSE NULL END", e.to().name(), e.to() == TicketStatus.RESOLVED, e.resolution(), e.to() == TicketStatus.CLOSED));
    }

    @EventHandler
    void on(TicketReopenedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        advance(e.ticketId(), version, at, true, new Change("status = 'IN_PROGRESS', resolution = NULL"));
    }

    @EventHandler
    void on(SeverityChangedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        advance(e.ticketId(), version, at, true, new Change("severity = ?", e.to().name()));
    }

    @EventHandler
    void on(SeverityChangeRequestedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        if (!appliedBefore(e.ticketId(), version)) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("requestId", e.requestId());
            request.put("from", e.from().name());
            request.put("requested", e.requested().name());
            request.put("reason", e.reason());
            request.put("requestedBy", e.requestedBy());
            request.put("requestedAt", e.requestedAt().toString());
            request.put("state", "OPEN");
            advance(e.ticketId(), version, at, true,
                    new Change("severity_requests = severity_requests || jsonb_build_array(?::jsonb)", json(request)));
        }
    }

    @EventHandler
    void on(SeverityChangeRequestDecidedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        if (!appliedBefore(e.ticketId(), version)) {
            Map<String, Object> decision = new LinkedHashMap<>();
            decision.put("state", e.accepted() ? "ACCEPTED" : "DECLINED");
            decision.put("decisionReason", e.reason());
            decision.put("decidedBy", e.decidedBy());
            decision.put("decidedAt", e.decidedAt().toString());
            advance(e.ticketId(), version, at, true, new Change("severity_requests = (SELECT coalesce(jsonb_agg(CASE WHEN"
                    + " r->>'requestId' = ? THEN r || ?::jsonb ELSE r END ORDER BY n), '[]'::jsonb)"
                    + " FROM jsonb_array_elements(severity_requests) WITH ORDINALITY AS t(r, n))", e.requestId(), json(decision)));
        }
    }

    @EventHandler
    void on(EscalationLevelRecordedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        advance(e.ticketId(), version, at, true, new Change("escalation_level = GREATEST(escalation_level, ?)", e.level()));
    }

    @EventHandler
    void on(AttachmentAddedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        advanceAndInsert(e.ticketId(), version, at, true, Change.NONE, """
                INSERT INTO %s (id, ticket_id, file_name, content_type, size, sha256, added_by, added_at)
                SELECT ?, id, ?, ?, ?, ?, ?, ? FROM advanced""".formatted(tables.attachment()), e.attachmentId(), e.fileName(),
                e.contentType(), e.size(), e.sha256(), e.addedBy(), ts(e.addedAt()));
    }

    /** Events the view does not show still move its version, so writers waiting for them are answered. */
    @EventHandler
    void on(EscalationRequestedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        advance(e.ticketId(), version, at);
    }

    @EventHandler
    void on(TimeEntryLoggedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        advance(e.ticketId(), version, at);
    }

    @EventHandler
    void on(TimeEntryReversedEvent e, @SequenceNumber long version, @Timestamp Instant at) {
        advance(e.ticketId(), version, at);
    }

    /**
     * Moves the view to {@code version} unless it is there already; true when the event is to be applied. The tracking
     * processor delivers a ticket's events in order, so any version above the view's is the next one for it; the
     * inline projection and a replay's next generation apply an event only on top of its direct predecessor.
     */
    boolean advance(String ticketId, long version, Instant at) {
        return advance(ticketId, version, at, true);
    }

    /** Like {@link #advance(String, long, Instant)}; an event {@code visibleToContacts} also moves what contacts see. */
    boolean advance(String ticketId, long version, Instant at, boolean visibleToContacts) {
        return advance(ticketId, version, at, visibleToContacts, Change.NONE);
    }

    /**
     * What an event changes in its ticket's view row besides the version: SQL assignments and their parameters. The
     * change is applied by the same statement that moves the version (one round trip per event, issue 15), so only
     * when the version moves.
     */
    record Change(String assignments, Object... parameters) {
        static final Change NONE = new Change("");
    }

    /** {@link #advance(String, long, Instant, boolean)} and the event's {@code change} in one statement. */
    boolean advance(String ticketId, long version, Instant at, boolean visibleToContacts, Change change) {
        if (appliedBefore(ticketId, version)) {
            return false;
        }
        return jdbc.update(move(visibleToContacts, change), moveParameters(ticketId, version, at, visibleToContacts, change)) == 1;
    }

    /**
     * Moves the view as {@link #advance(String, long, Instant, boolean, Change)} does and, only when it moved, inserts
     * the event's row: {@code insert} selects its values {@code FROM advanced}, the moved view row (its {@code id} is
     * the ticket's). One statement.
     */
    boolean advanceAndInsert(String ticketId, long version, Instant at, boolean visibleToContacts, Change change,
                             String insert, Object... insertParameters) {
        if (appliedBefore(ticketId, version)) {
            return false;
        }
        Object[] moved = moveParameters(ticketId, version, at, visibleToContacts, change);
        Object[] parameters = Arrays.copyOf(moved, moved.length + insertParameters.length);
        System.arraycopy(insertParameters, 0, parameters, moved.length, insertParameters.length);
        return jdbc.update("WITH advanced AS (" + move(visibleToContacts, change) + " RETURNING id) " + insert, parameters) == 1;
    }

    private String move(boolean visibleToContacts, Change change) {
        return "UPDATE " + tables.view() + " SET version = ?, updated_at = ?"
                + (visibleToContacts ? ", public_version = public_version + 1, public_updated_at = ?" : "")
                + (change.assignments().isEmpty() ? "" : ", " + change.assignments())
                + " WHERE id = ? AND " + (onlyOnPredecessor ? "version = ? - 1" : "version < ?");
    }

    private static Object[] moveParameters(String ticketId, long version, Instant at, boolean visibleToContacts, Change change) {
        java.sql.Timestamp time = storedPrecision(at);
        List<Object> parameters = new ArrayList<>(List.of(version, time));
        if (visibleToContacts) {
            parameters.add(time);
        }
        parameters.addAll(Arrays.asList(change.parameters()));
        parameters.add(ticketId);
        parameters.add(version);
        return parameters.toArray();
    }

    /**
     * True when the served view had applied {@code version} of the ticket already as the tracking processor's batch
     * started (the view only moves forward, so it still has). Read once per batch for all its tickets; false outside a
     * tracking batch, for the inline projection and for a replay's next generation.
     */
    private boolean appliedBefore(String ticketId, long version) {
        if (onlyOnPredecessor || tables != ViewTables.SERVED || !CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)) {
            return false;
        }
        Map<String, Long> applied = batch.root().getOrComputeResource(APPLIED_VERSIONS, key -> viewVersions(batch));
        Long viewVersion = applied.get(ticketId);
        return viewVersion != null && viewVersion >= version;
    }

    private static final String APPLIED_VERSIONS = TicketProjection.class.getName() + ".appliedVersions";

    private Map<String, Long> viewVersions(BatchingUnitOfWork<?> batch) {
        String[] tickets = batch.getMessages().stream()
                .filter(DomainEventMessage.class::isInstance)
                .map(m -> ((DomainEventMessage<?>) m).getAggregateIdentifier())
                .distinct().toArray(String[]::new);
        Map<String, Long> versions = new HashMap<>();
        if (tickets.length > 0) {
            jdbc.query("SELECT id, version FROM " + tables.view() + " WHERE id = ANY (?)",
                    rs -> {
                        versions.put(rs.getString(1), rs.getLong(2));
                    }, (Object) tickets);
        }
        return versions;
    }

    /**
     * An event's timestamp as the event store keeps it (Axon stores milliseconds): the view is the same whether the
     * event was applied in memory, straight after the command, or read back from the store by a replay.
     */
    static java.sql.Timestamp storedPrecision(Instant at) {
        return ts(at.truncatedTo(ChronoUnit.MILLIS));
    }


    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}
