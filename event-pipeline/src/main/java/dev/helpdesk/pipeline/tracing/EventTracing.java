package dev.helpdesk.pipeline.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Trace context across Kafka, where the work that causes an event and its publication or application happen on
 * different threads, at different times, or in different services. Vendor neutral (Micrometer Tracing); the service's
 * {@link Tracer} and {@link Propagator} (W3C with the OpenTelemetry bridge) do the work, and without them every method
 * is a no-op.
 * <ul>
 *   <li>{@link #current()} captures the context of the work in progress, to be stored with the event (outbox row,
 *       Axon metadata) and written into its envelope;</li>
 *   <li>{@link #startProducer} opens the span of a publication, a child of the stored context, and
 *       {@link #inject} writes that span's context into the record headers;</li>
 *   <li>{@link #startConsumer} opens the span of an event's application, a child of the producer's.</li>
 * </ul>
 */
public final class EventTracing {

    /** Tracing switched off: no spans, no context. */
    public static final EventTracing NOOP = new EventTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The context of the span current on this thread, or null when there is none. */
    public TraceHeaders current() {
        Span span = tracer.currentSpan();
        return span == null ? null : headersOf(span);
    }

    /**
     * The context of {@code span} as headers, or null when it has none (no tracing). A span that is not recorded
     * (not sampled) has a context too and gives it, flagged not sampled, so the services after it continue its trace
     * (same trace id in their logs) and follow its sampling decision instead of starting traces of their own, as the
     * W3C rule and docs/observability.md say; until 2026-12-07 such spans gave none.
     */
    public TraceHeaders headersOf(Span span) {
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(span.context(), carrier, Map::put);
        return TraceHeaders.of(carrier.get(TraceHeaders.TRACEPARENT), carrier.get(TraceHeaders.TRACESTATE));
    }

    /**
     * Starts the span publishing one event ({@code publish <topic>}), a child of {@code parent}; null when there is
     * no parent (an event caused by nothing traced is published without trace context).
     */
    public Span startProducer(String topic, String eventType, String eventId, TraceHeaders parent) {
        if (parent == null) {
            return null;
        }
        return start(parent, "publish " + topic, Span.Kind.PRODUCER, topic, eventType, eventId);
    }

    /**
     * Starts the span applying one event ({@code process <topic>}), a child of {@code parent} (the producer's
     * context), or the root of a new trace when there is none.
     */
    public Span startConsumer(String topic, String eventType, String eventId, TraceHeaders parent) {
        return start(parent, "process " + topic, Span.Kind.CONSUMER, topic, eventType, eventId);
    }

    /**
     * The span of applying one event read from {@code headers} / its envelope: its parent is the record headers'
     * context (the producer's publication span), or else the envelope's extension (where a record lost its headers),
     * or none.
     */
    public EventSpan startApplying(String topic, String eventType, String eventId, TraceHeaders fromHeaders,
                                   TraceHeaders fromEnvelope) {
        if (this == NOOP) {
            return EventSpan.NONE;
        }
        return new EventSpan(this, startConsumer(topic, eventType, eventId,
                fromHeaders != null ? fromHeaders : fromEnvelope));
    }

    /** Makes {@code span} current on this thread until the returned scope is closed. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** Writes the context of {@code span} into record headers, replacing any there. */
    public void inject(Span span, Headers headers) {
        TraceHeaders context = headersOf(span);
        if (context != null) {
            write(context, headers);
        }
    }

    /** Writes {@code context} into record headers, replacing any there. */
    public static void write(TraceHeaders context, Headers headers) {
        headers.remove(TraceHeaders.TRACEPARENT);
        headers.remove(TraceHeaders.TRACESTATE);
        headers.add(TraceHeaders.TRACEPARENT, context.traceparent().getBytes(StandardCharsets.UTF_8));
        if (context.tracestate() != null) {
            headers.add(TraceHeaders.TRACESTATE, context.tracestate().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The trace context in record headers, or null when there is none that is well formed. */
    public static TraceHeaders read(Headers headers) {
        return TraceHeaders.of(text(headers.lastHeader(TraceHeaders.TRACEPARENT)),
                text(headers.lastHeader(TraceHeaders.TRACESTATE)));
    }

    private Span start(TraceHeaders parent, String name, Span.Kind kind, String topic, String eventType,
                       String eventId) {
        Map<String, String> carrier = new HashMap<>();
        if (parent != null) {
            carrier.put(TraceHeaders.TRACEPARENT, parent.traceparent());
            if (parent.tracestate() != null) {
                carrier.put(TraceHeaders.TRACESTATE, parent.tracestate());
            }
        }
        Span.Builder builder = parent == null ? tracer.spanBuilder().setNoParent()
                : propagator.extract(carrier, Map::get);
        Span span = builder.name(name).kind(kind).start();
        if (!span.isNoop()) {
            // tagged once started, and only when recorded: the sampler does not look at them, and building the
            // attributes of every span that is not recorded cost as much as starting it (JFR, 2026-12-07)
            span.tag("messaging.system", "kafka")
                    .tag("messaging.destination.name", topic)
                    .tag("messaging.message.id", eventId == null ? "" : eventId)
                    .tag("helpdesk.event.type", eventType == null ? "" : eventType);
        }
        return span;
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
