package dev.helpdesk.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.pipeline.inbound.InboundPipeline;
import dev.helpdesk.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Structured logs (Spring Boot's, {@code logging.structured.format.console=ecs}) carry the trace id, span id and
 * correlation id: the line the pipeline logs for an applied event (at DEBUG, switched on here for the pipeline's
 * logger as an operator would) is a JSON object with the producer's trace id, the span of the event's application and
 * the event's correlation id. What an operator sees without DEBUG is the counter of applied events.
 */
@SpringBootTest(properties = {"logging.structured.format.console=ecs", "management.tracing.sampling.probability=1.0",
        "logging.config=classpath:structured-logback-test.xml",
        "logging.level.dev.helpdesk.pipeline.inbound.InboundPipeline=DEBUG"})
@AutoConfigureObservability(metrics = false)
@RealInfrastructure(database = "logs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogTest {

    @Autowired
    ObjectMapper json;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;
    @Value("${helpdesk.topics.tickets}")
    String topic;

    @Test
    void theLineOfAnAppliedEventIsJsonWithItsTraceSpanAndCorrelationIds(CapturedOutput output) {
        String eventId = UUID.randomUUID().toString();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String producerSpanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String correlationId = "c-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, "n", """
                    {"specversion":"1.0","id":"%s","type":"%s","source":"/test","subject":"n",\
                    "time":"2026-12-03T10:00:00Z","sequence":0,"correlationid":"%s","data":{"noteId":"n","body":"b"}}"""
                    .formatted(eventId, PipelineTestApplication.NOTE_ADDED, correlationId));
            record.headers().add("traceparent", ("00-" + traceId + "-" + producerSpanId + "-01")
                    .getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }

        JsonNode line = await().atMost(Duration.ofSeconds(60)).until(() -> output.getOut().lines()
                .filter(text -> text.contains("Applied " + PipelineTestApplication.NOTE_ADDED + " " + eventId))
                .findFirst().map(this::read), Optional::isPresent).orElseThrow();

        assertThat(line.path("message").asText()).startsWith("Applied");
        assertThat(line.path("log").path("level").asText()).isEqualTo("DEBUG");
        assertThat(line.path("service").path("name").asText()).isEqualTo("pipeline-test");
        assertThat(line.path("traceId").asText()).isEqualTo(traceId);
        assertThat(line.path("spanId").asText()).matches("[0-9a-f]{16}").isNotEqualTo(producerSpanId);
        assertThat(line.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(meters.get(InboundPipeline.APPLIED).tag("topic", topic)
                .tag("type", PipelineTestApplication.NOTE_ADDED).counter().count()).isEqualTo(1.0);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not a JSON log line: " + text, e);
        }
    }
}
