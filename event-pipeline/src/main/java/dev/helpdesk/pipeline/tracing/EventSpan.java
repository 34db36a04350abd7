package dev.helpdesk.pipeline.tracing;

import io.micrometer.tracing.Span;

/**
 * The span of one event being applied (see {@link EventTracing#startConsumer}): the inbound pipeline opens it when it
 * reads the event and ends it when the poll's transaction is over; while a handler works on the event
 * ({@code InboundBatch.forEach}) it is the current span, so logs and outbox rows written there carry its context.
 */
public final class EventSpan {

    /** No tracing. */
    public static final EventSpan NONE = new EventSpan(EventTracing.NOOP, null);

    private final EventTracing tracing;
    private final Span span;
    private TraceHeaders headers;
    private boolean headersKnown;

    EventSpan(EventTracing tracing, Span span) {
        this.tracing = tracing;
        this.span = span;
    }

    /**
     * The span's context, to store with events the handler writes later (outbox rows), or null without tracing.
     * Written out on first use (on the thread applying the event): most handlers write no events, and writing the
     * context of every applied event was about a fifth of the pipeline's tracing cost (JFR, 2026-12-07).
     */
    public TraceHeaders headers() {
        if (!headersKnown) {
            headers = span == null ? null : tracing.headersOf(span);
            headersKnown = true;
        }
        return headers;
    }

    /** Makes the span current until the returned scope is closed. */
    public Scope open() {
        if (span == null) {
            return () -> { };
        }
        var scope = tracing.inScope(span);
        return scope::close;
    }

    /** Marks the span failed (the poll failed, or the event was set aside). */
    public void error(Throwable failure) {
        if (span != null) {
            span.error(failure);
        }
    }

    /** Ends the span (the poll's transaction is over). */
    public void end() {
        if (span != null) {
            span.end();
        }
    }

    /** A scope that closes without exceptions. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
