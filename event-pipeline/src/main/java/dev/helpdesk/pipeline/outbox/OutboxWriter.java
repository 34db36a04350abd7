package dev.helpdesk.pipeline.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.pipeline.AfterCommit;
import dev.helpdesk.pipeline.tracing.EventTracing;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events to the outbox in the caller's transaction, so they are published exactly when the state change they
 * describe commits. Two statements whatever the number of events: one numbers them in their streams
 * ({@code outbox_stream}, whose row lock also orders concurrent writers of one stream), one inserts them in the
 * given order. After the commit the relay is woken at once. Each row keeps the trace context of the work that caused
 * its event (the event's own, or else the span current when it is written): the envelope carries it as the CloudEvents
 * distributed-tracing extension, and the relay publishes the event in a span that continues it.
 */
public class OutboxWriter {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String source;
    private final Runnable afterCommit;
    private final EventTracing tracing;

    public OutboxWriter(JdbcTemplate jdbc, ObjectMapper json, String source, Runnable afterCommit) {
        this(jdbc, json, source, afterCommit, EventTracing.NOOP);
    }

    public OutboxWriter(JdbcTemplate jdbc, ObjectMapper json, String source, Runnable afterCommit,
                        EventTracing tracing) {
        this.jdbc = jdbc;
        this.json = json;
        this.source = source;
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
        if (events.isEmpty()) {
            return;
        }
        Map<String, Long> next = reserveSequences(events);
        int size = events.size();
        String[] ids = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] payloads = new String[size];
        String[] correlationIds = new String[size];
        String[] traceparents = new String[size];
        String[] tracestates = new String[size];
        TraceHeaders current = tracing.current();
        for (int i = 0; i < size; i++) {
            OutboxEvent event = events.get(i);
            long sequence = next.merge(event.streamKey(), 1L, Long::sum) - 1;
            ids[i] = UUID.randomUUID().toString();
            topics[i] = event.topic();
            keys[i] = event.streamKey();
            types[i] = event.type();
            correlationIds[i] = event.correlationId() != null ? event.correlationId() : MDC.get("correlationId");
            TraceHeaders trace = event.trace() != null ? event.trace() : current;
            traceparents[i] = trace == null ? null : trace.traceparent();
            tracestates[i] = trace == null ? null : trace.tracestate();
            payloads[i] = payload(event, ids[i], sequence, correlationIds[i], trace);
        }
        jdbc.update("""
                INSERT INTO outbox (event_id, topic, record_key, event_type, payload, correlation_id, traceparent,
                                    tracestate)
                SELECT e.event_id, e.topic, e.record_key, e.event_type, e.payload, e.correlation_id, e.traceparent,
                       e.tracestate
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     WITH ORDINALITY AS e (event_id, topic, record_key, event_type, payload, correlation_id,
                                           traceparent, tracestate, position)
                ORDER BY e.position""", ids, topics, keys, types, payloads, correlationIds, traceparents, tracestates);
        AfterCommit.run(afterCommit);
    }

    /** The first free position of each stream the events belong to, reserved for them (locks the streams' rows). */
    private Map<String, Long> reserveSequences(List<OutboxEvent> events) {
        Map<String, Long> counts = new LinkedHashMap<>();
        events.forEach(event -> counts.merge(event.streamKey(), 1L, Long::sum));
        String[] keys = counts.keySet().toArray(String[]::new);
        Long[] sizes = counts.values().toArray(Long[]::new);
        Map<String, Long> first = new HashMap<>();
        // Keys in a fixed order, so two transactions reserving the same streams never wait on each other in a cycle.
        jdbc.query("""
                INSERT INTO outbox_stream (stream_key, next_sequence)
                SELECT s.stream_key, s.size FROM unnest(?::text[], ?::bigint[]) AS s (stream_key, size) ORDER BY 1
                ON CONFLICT (stream_key) DO UPDATE SET next_sequence = outbox_stream.next_sequence + EXCLUDED.next_sequence
                RETURNING stream_key, next_sequence""",
                row -> {
                    String key = row.getString(1);
                    first.put(key, row.getLong(2) - counts.get(key));
                }, keys, sizes);
        return first;
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
        return serialise(new EventEnvelope<>(EventEnvelope.SPEC_VERSION, eventId, event.type(), source,
                event.streamKey(), event.time(), EventEnvelope.DATA_CONTENT_TYPE, event.aggregateType(), sequence,
                null, event.actor() == null ? "system" : event.actor(), correlationId, event.data(),
                trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate()));
    }

    private String serialise(EventEnvelope<Object> envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + envelope.type(), e);
        }
    }

}
