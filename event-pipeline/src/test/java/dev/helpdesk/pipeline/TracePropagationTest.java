package dev.helpdesk.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import dev.helpdesk.testsupport.RealInfrastructure;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * W3C trace context through the pipeline, with a real tracer (Micrometer Tracing over OpenTelemetry, every trace
 * sampled) and the spans it ends collected in memory: the outbox keeps the context of the work that wrote a row and
 * the relay publishes it as the envelope's extension and, in a span of its own, in the record headers; the inbound
 * pipeline applies each event in a span continuing the producer's, current while the handler works on it.
 */
@SpringBootTest(properties = "management.tracing.sampling.probability=1.0")
@AutoConfigureObservability(metrics = false)
@RealInfrastructure(database = "tracing")
class TracePropagationTest {

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @TestConfiguration
    static class CollectSpans {
        @Bean
        SpanProcessor collectEveryEndedSpan() {
            return SimpleSpanProcessor.create(SPANS);
        }
    }

    @Autowired
    Tracer tracer;
    @Autowired
    OutboxWriter writer;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    PipelineTestApplication.NoteHandler notes;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;
    @Value("${helpdesk.topics.sla}")
    String outboxTopic;
    @Value("${helpdesk.topics.tickets}")
    String inboundTopic;

    record Happened(String streamId) {
    }

    @Test
    void anOutboxRowCarriesTheTraceOfTheWorkThatWroteItIntoTheEnvelopeAndAPublishSpanIntoTheHeaders() throws Exception {
        String stream = UUID.randomUUID().toString();
        Span request = tracer.nextSpan().name("request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            transaction.executeWithoutResult(status -> writer.append(event(stream)));
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();
        String requestContext = "00-" + traceId + "-" + request.context().spanId() + "-01";

        assertThat(jdbc.queryForObject("SELECT traceparent FROM outbox WHERE record_key = ?", String.class, stream))
                .isEqualTo(requestContext);
        ConsumerRecord<String, String> record = readOne(outboxTopic, stream);
        assertThat(json.readTree(record.value()).get("traceparent").asText()).isEqualTo(requestContext);
        TraceHeaders header = TraceHeaders.of(text(record.headers().lastHeader("traceparent")), null);
        assertThat(header).isNotNull();
        assertThat(header.traceId()).isEqualTo(traceId);
        SpanData publish = await().atMost(Duration.ofSeconds(10)).until(() -> span(header.spanId()), Optional::isPresent)
                .orElseThrow();
        assertThat(publish.getName()).isEqualTo("publish " + outboxTopic);
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getParentSpanId()).isEqualTo(request.context().spanId());
    }

    @Test
    void anEventWrittenOutsideAnyTraceIsPublishedWithoutTraceContextUnlessItBringsItsOwn() throws Exception {
        String untraced = UUID.randomUUID().toString();
        String caused = UUID.randomUUID().toString();
        TraceHeaders cause = new TraceHeaders("00-" + hex(32) + "-" + hex(16) + "-01", "vendor=x");
        transaction.executeWithoutResult(status -> writer.appendAll(List.of(event(untraced),
                event(caused).withTrace(cause))));

        ConsumerRecord<String, String> plain = readOne(outboxTopic, untraced);
        assertThat(plain.headers().lastHeader("traceparent")).isNull();
        assertThat(json.readTree(plain.value()).has("traceparent")).isFalse();
        ConsumerRecord<String, String> continued = readOne(outboxTopic, caused);
        JsonNode envelope = json.readTree(continued.value());
        assertThat(envelope.get("traceparent").asText()).isEqualTo(cause.traceparent());
        assertThat(envelope.get("tracestate").asText()).isEqualTo("vendor=x");
        assertThat(TraceHeaders.of(text(continued.headers().lastHeader("traceparent")), null).traceId()).isEqualTo(cause.traceId());
        assertThat(text(continued.headers().lastHeader("tracestate"))).isEqualTo("vendor=x");
    }

    @Test
    void eachAppliedEventContinuesItsProducersTraceFromTheHeadersOrElseTheEnvelope() {
        String fromHeader = UUID.randomUUID().toString();
        String fromEnvelope = UUID.randomUUID().toString();
        String untraced = UUID.randomUUID().toString();
        TraceHeaders headerContext = new TraceHeaders("00-" + hex(32) + "-" + hex(16) + "-01", null);
        TraceHeaders envelopeContext = new TraceHeaders("00-" + hex(32) + "-" + hex(16) + "-01", null);
        // The header wins over the envelope: it names the producer's publication span.
        send(note(fromHeader, "00-" + hex(32) + "-" + hex(16) + "-01"), headerContext);
        send(note(fromEnvelope, envelopeContext.traceparent()), null);
        send(note(untraced, null), null);

        await().atMost(Duration.ofSeconds(60)).until(() -> notes.traceIdsInLogs.keySet()
                .containsAll(List.of(fromHeader, fromEnvelope, untraced)));
        assertThat(notes.traceIdsInLogs.get(fromHeader)).isEqualTo(headerContext.traceId());
        assertThat(notes.traceIdsInLogs.get(fromEnvelope)).isEqualTo(envelopeContext.traceId());
        assertThat(notes.traceIdsInLogs.get(untraced)).matches("[0-9a-f]{32}")
                .isNotIn(headerContext.traceId(), envelopeContext.traceId());
        SpanData applied = await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(headerContext.traceId())).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(applied.getName()).isEqualTo("process " + inboundTopic);
        assertThat(applied.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(applied.getParentSpanId()).isEqualTo(headerContext.spanId());
        assertThat(applied.getAttributes().asMap().toString()).contains(fromHeader);
    }

    private OutboxEvent event(String stream) {
        return new OutboxEvent(outboxTopic, stream, "Thing", "test.thing.happened.v1",
                Instant.parse("2026-12-03T10:00:00Z"), "system", null, new Happened(stream));
    }

    private static String note(String id, String traceparent) {
        return """
                {"specversion":"1.0","id":"%s","type":"%s","source":"/test","subject":"n","time":"2026-12-03T10:00:00Z",\
                "datacontenttype":"application/json","sequence":0,%s"data":{"noteId":"n","body":"traced"}}"""
                .formatted(id, PipelineTestApplication.NOTE_ADDED,
                        traceparent == null ? "" : "\"traceparent\":\"" + traceparent + "\",");
    }

    private void send(String value, TraceHeaders header) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(inboundTopic, "n", value);
            if (header != null) {
                record.headers().add("traceparent", header.traceparent().getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record);
        }
    }

    private ConsumerRecord<String, String> readOne(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "tracing-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record keyed " + key + " on " + topic + " within 60 s");
    }

    private static Optional<SpanData> span(String spanId) {
        return SPANS.getFinishedSpanItems().stream().filter(span -> span.getSpanId().equals(spanId)).findFirst();
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String hex(int digits) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < digits) {
            hex.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return hex.substring(0, digits);
    }
}
