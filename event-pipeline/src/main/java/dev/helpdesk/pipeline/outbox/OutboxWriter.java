package dev.helpdesk.pipeline.outbox;

import dev.helpdesk.pipeline.replay.Rebuilding;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.pipeline.AfterCommit;
import dev.helpdesk.pipeline.tracing.EventTracing;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes events to the outbox in the caller's transaction, so they are published exactly when the state change they
 * describe commits. One statement whatever the number of events: it reserves the streams' next positions
 * ({@code outbox_stream}, whose row lock also orders concurrent writers of one stream), inserts the rows in the given
 * order with their positions spliced into their envelopes, and notifies the relay (a PostgreSQL {@code NOTIFY},
 * delivered at commit, naming the rows). The rows are also handed to this instance's relay in memory, so that it
 * need not read back what it was told. Each row keeps the trace context of the work that caused its event (the
 * event's own, or else the span current when it is written): the envelope carries it as the CloudEvents
 * distributed-tracing extension, and the relay publishes the event in a span that continues it.
 */
public class OutboxWriter {

    /** A position no stream reaches: the envelope is serialised with it, and the database writes the real one. */
    private static final long SEQUENCE_MARK = Long.MIN_VALUE;
    private static final String SEQUENCE_KEY = "\"sequence\":";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String source;
    private final OutboxRelay relay;
    private final Runnable afterCommit;
    private final EventTracing tracing;

    /** A writer whose relay is told of new rows through the database alone (and {@code afterCommit}). */
    public OutboxWriter(JdbcTemplate jdbc, ObjectMapper json, String source, Runnable afterCommit) {
        this(jdbc, json, source, null, afterCommit, EventTracing.NOOP);
    }

    /** As {@link #OutboxWriter(JdbcTemplate, ObjectMapper, String, Runnable)}, with the service's tracing. */
    public OutboxWriter(JdbcTemplate jdbc, ObjectMapper json, String source, Runnable afterCommit,
                        EventTracing tracing) {
        this(jdbc, json, source, null, afterCommit, tracing);
    }

    /** A writer that hands its rows to {@code relay} (this instance's) as well. */
    public OutboxWriter(JdbcTemplate jdbc, ObjectMapper json, String source, OutboxRelay relay) {
        this(jdbc, json, source, relay, relay::wakeUp, EventTracing.NOOP);
    }

    /** As {@link #OutboxWriter(JdbcTemplate, ObjectMapper, String, OutboxRelay)}, with the service's tracing. */
    public OutboxWriter(JdbcTemplate jdbc, ObjectMapper json, String source, OutboxRelay relay, EventTracing tracing) {
        this(jdbc, json, source, relay, relay::wakeUp, tracing);
    }

    private OutboxWriter(JdbcTemplate jdbc, ObjectMapper json, String source, OutboxRelay relay, Runnable afterCommit,
                         EventTracing tracing) {
        this.jdbc = jdbc;
        this.json = json;
        this.source = source;
        this.relay = relay;
        this.afterCommit = afterCommit;
        this.tracing = tracing;
    }

    public void append(OutboxEvent event) {
        appendAll(List.of(event));
    }

    /** Appends the events in order; each gets a new event id and the next position of its stream. */
    public void appendAll(List<OutboxEvent> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The outbox is written in the transaction of the state change it describes");
        }
        if (events.isEmpty() || Rebuilding.active()) {
            return; // a rebuild publishes nothing: only the live path does (docs/replays.md)
        }
        int size = events.size();
        String[] ids = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] heads = new String[size];
        String[] tails = new String[size];
        String[] correlationIds = new String[size];
        String[] traceparents = new String[size];
        String[] tracestates = new String[size];
        TraceHeaders current = tracing.current();
        for (int i = 0; i < size; i++) {
            OutboxEvent event = events.get(i);
            ids[i] = UUID.randomUUID().toString();
            topics[i] = event.topic();
            keys[i] = event.streamKey();
            types[i] = event.type();
            correlationIds[i] = event.correlationId() != null ? event.correlationId() : MDC.get("correlationId");
            TraceHeaders trace = event.trace() != null ? event.trace() : current;
            traceparents[i] = trace == null ? null : trace.traceparent();
            tracestates[i] = trace == null ? null : trace.tracestate();
            String[] split = splitAtSequence(serialise(envelope(event, ids[i], SEQUENCE_MARK, correlationIds[i], trace)));
            heads[i] = split[0];
            tails[i] = split[1];
        }
        String notifier = relay == null ? OutboxRelay.ANONYMOUS_WRITER : relay.instanceId();
        // Streams are reserved in key order, so two transactions reserving the same streams never wait in a cycle;
        // the window function makes every reservation (and its row lock) happen before the first row is numbered.
        Written written = jdbc.queryForObject("""
                WITH e AS (
                    SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                         ?::text[])
                         WITH ORDINALITY AS e (event_id, topic, record_key, event_type, head, tail, correlation_id,
                                               traceparent, tracestate, position)),
                counts AS (SELECT record_key, count(*) AS size FROM e GROUP BY record_key),
                reserved AS (
                    INSERT INTO outbox_stream (stream_key, next_sequence)
                    SELECT record_key, size FROM counts ORDER BY 1
                    ON CONFLICT (stream_key) DO UPDATE SET next_sequence = outbox_stream.next_sequence + EXCLUDED.next_sequence
                    RETURNING stream_key, next_sequence),
                numbered AS (
                    SELECT e.*, r.next_sequence - c.size - 1
                               + row_number() OVER (PARTITION BY e.record_key ORDER BY e.position) AS sequence
                    FROM e JOIN counts c USING (record_key) JOIN reserved r ON r.stream_key = e.record_key),
                inserted AS (
                    INSERT INTO outbox (event_id, topic, record_key, event_type, payload, correlation_id, traceparent,
                                        tracestate)
                    SELECT event_id, topic, record_key, event_type, head || sequence || tail, correlation_id,
                           traceparent, tracestate
                    FROM numbered ORDER BY position
                    RETURNING id, payload)
                SELECT ids, payloads, pg_notify(?, ? || ':' || CASE WHEN length(list) <= ? THEN list ELSE '*' END)
                FROM (SELECT array_agg(id ORDER BY id) AS ids, array_agg(payload ORDER BY id) AS payloads,
                             string_agg(id::text, ',' ORDER BY id) AS list
                      FROM inserted) AS rows""",
                (row, n) -> new Written((Long[]) row.getArray(1).getArray(), (String[]) row.getArray(2).getArray()),
                ids, topics, keys, types, heads, tails, correlationIds, traceparents, tracestates, OutboxRelay.CHANNEL, notifier,
                OutboxRelay.MAX_LISTED_IDS_LENGTH);
        if (relay != null && written != null) {
            Instant now = Instant.now();
            List<OutboxRelay.Row> rows = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                // ids ascend in the order the rows were inserted, which is the order given
                rows.add(new OutboxRelay.Row(written.ids()[i], topics[i], keys[i], written.payloads()[i],
                        correlationIds[i], now, ids[i], types[i], TraceHeaders.of(traceparents[i], tracestates[i])));
            }
            relay.handOver(rows);
        }
        AfterCommit.run(afterCommit);
    }

    private record Written(Long[] ids, String[] payloads) {
    }

    /**
     * The record value of an event: its CloudEvents envelope as JSON. Public so that a producer's contract test can
     * check what it publishes against its published language without a database.
     */
    public String payload(OutboxEvent event, String eventId, long sequence, String correlationId) {
        return payload(event, eventId, sequence, correlationId, event.trace());
    }

    /** The record value with the trace context of the work that caused the event (the CloudEvents extension). */
    public String payload(OutboxEvent event, String eventId, long sequence, String correlationId, TraceHeaders trace) {
        return serialise(envelope(event, eventId, sequence, correlationId, trace));
    }

    private EventEnvelope<Object> envelope(OutboxEvent event, String eventId, long sequence, String correlationId,
                                           TraceHeaders trace) {
        return new EventEnvelope<>(EventEnvelope.SPEC_VERSION, eventId, event.type(), source,
                event.streamKey(), event.time(), EventEnvelope.DATA_CONTENT_TYPE, event.aggregateType(), sequence,
                null, event.actor() == null ? "system" : event.actor(), correlationId, event.data(),
                trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate());
    }

    /**
     * The envelope's text before and after its sequence. The first {@code "sequence":} is the envelope's own: the
     * fields before it are strings (in which a quote is always escaped) and the data comes after it.
     */
    static String[] splitAtSequence(String envelope) {
        String mark = SEQUENCE_KEY + SEQUENCE_MARK;
        int at = envelope.indexOf(SEQUENCE_KEY);
        if (at < 0 || !envelope.startsWith(mark, at)) {
            throw new IllegalStateException("the envelope's sequence is not where it is expected: " + envelope);
        }
        int valueAt = at + SEQUENCE_KEY.length();
        return new String[] {envelope.substring(0, valueAt), envelope.substring(valueAt + Long.toString(SEQUENCE_MARK).length())};
    }

    private String serialise(EventEnvelope<Object> envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + envelope.type(), e);
        }
    }

}
