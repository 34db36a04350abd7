package dev.helpdesk.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The JSON value of every record on a helpdesk topic: a CloudEvents 1.0 event in structured mode
 * ({@code application/cloudevents+json}). The Kafka key is {@link #subject()}, the aggregate id.
 *
 * @param specversion   always {@code "1.0"}
 * @param id            the event's unique id (consumers de-duplicate on it)
 * @param type          the event type, see {@link EventTypes}, e.g. {@code helpdesk.ticket.opened.v1}
 * @param source        the producing service, e.g. {@code /ticket-service}
 * @param subject       the aggregate id (ticket or organisation) the event belongs to
 * @param time          when the event happened
 * @param datacontenttype always {@code application/json}
 * @param aggregatetype {@code Ticket} or {@code Organization} (or the producer's own stream kind)
 * @param sequence      the event's position in its aggregate's stream, from 0
 * @param position      the event's position in the producer's global order, where it has one
 * @param actor         the user id who caused the event, or {@code system}
 * @param correlationid the correlation id of the request that caused the event, if any
 * @param data          the event record, see {@link EventTypes}
 * @param traceparent   CloudEvents distributed-tracing extension: the W3C {@code traceparent} of the work that
 *                      produced the event (left out when the producer traced nothing)
 * @param tracestate    CloudEvents distributed-tracing extension: the W3C {@code tracestate} going with it, if any
 */
public record EventEnvelope<T>(
        String specversion,
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String datacontenttype,
        String aggregatetype,
        long sequence,
        Long position,
        String actor,
        String correlationid,
        T data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent,
        @JsonInclude(JsonInclude.Include.NON_NULL) String tracestate) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    /** An envelope without trace context. */
    public EventEnvelope(String specversion, String id, String type, String source, String subject, Instant time,
                         String datacontenttype, String aggregatetype, long sequence, Long position, String actor,
                         String correlationid, T data) {
        this(specversion, id, type, source, subject, time, datacontenttype, aggregatetype, sequence, position, actor,
                correlationid, data, null, null);
    }
}
