package dev.helpdesk.pipeline.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace context across Kafka with a real OpenTelemetry SDK behind Micrometer Tracing: a trace that is not sampled is
 * continued (same trace id, flagged not sampled) instead of dropped, and a recorded span keeps its attributes.
 */
class EventTracingSamplingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();

    private EventTracing tracing(Sampler sampler) {
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.parentBased(sampler))
                        .addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        var otel = sdk.getTracer("test");
        OtelTracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
        return new EventTracing(tracer, new OtelPropagator(sdk.getPropagators(), otel));
    }

    @Test
    void anUnsampledTraceIsCarriedOnFlaggedNotSampledAndTheNextServiceFollowsThatDecision() {
        EventTracing producer = tracing(Sampler.alwaysOff());
        Span publish = producer.startProducer("helpdesk.sla.v1", "helpdesk.sla.clock-started.v1", "e-1",
                TraceHeaders.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", null));
        TraceHeaders sent = producer.headersOf(publish);
        publish.end();
        assertThat(sent).isNotNull();
        assertThat(sent.traceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-00");

        // the consumer's own sampler would record everything: the producer's "not sampled" decides
        EventTracing consumer = tracing(Sampler.alwaysOn());
        EventSpan applying = consumer.startApplying("helpdesk.sla.v1", "helpdesk.sla.clock-started.v1", "e-1", sent, null);
        assertThat(applying.headers().traceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-00");
        applying.end();
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aRecordedSpanHasItsMessagingAttributesAndASampledContext() {
        EventTracing consumer = tracing(Sampler.alwaysOn());
        EventSpan applying = consumer.startApplying("helpdesk.tickets.v1", "helpdesk.ticket.opened.v1", "e-2",
                TraceHeaders.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null), null);
        assertThat(applying.headers().traceparent()).endsWith("-01");
        applying.end();
        assertThat(exported.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(span.getAttributes().asMap().toString()).contains("messaging.destination.name=helpdesk.tickets.v1",
                    "messaging.message.id=e-2", "helpdesk.event.type=helpdesk.ticket.opened.v1", "messaging.system=kafka");
        });
    }

    @Test
    void withoutTracingThereIsNoContext() {
        assertThat(EventTracing.NOOP.startApplying("t", "x", "e-3", null, null).headers()).isNull();
        assertThat(EventTracing.NOOP.current()).isNull();
    }
}
