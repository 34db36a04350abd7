package dev.helpdesk.tickets.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.pipeline.tracing.EventTracing;
import dev.helpdesk.tickets.config.AxonConfig;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to helpdesk.tickets.v1, in store order, keyed by aggregate id. It is a tracking
 * processor of its own: its token starts at the tail of the store and only moves after the broker acknowledged
 * the record (idempotent producer, acks=all), so a failure makes it retry from the token instead of skipping.
 * A crash between ack and token update re-sends the same record with the same event id.
 */
@Component
@ConditionalOnProperty(name = "helpdesk.tickets.publishing.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(AxonConfig.KAFKA_PUBLISHER)
class KafkaEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final String topic;
    private final EventTracing tracing;

    KafkaEventPublisher(KafkaTemplate<String, String> kafka, ObjectMapper json,
                        @Value("${helpdesk.topics.tickets}") String topic, EventTracing tracing) {
        this.kafka = kafka;
        this.json = json;
        this.topic = topic;
        this.tracing = tracing;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) throws JsonProcessingException, InterruptedException,
            ExecutionException, TimeoutException {
        if (!(event instanceof DomainEventMessage<?> domainEvent)) {
            return;
        }
        Optional<EventEnvelope<Object>> envelope = EnvelopeFactory.envelope(domainEvent);
        if (envelope.isEmpty()) {
            log.warn("Not publishing {}: not part of the published event language", domainEvent.getPayloadType().getName());
            return;
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, envelope.get().subject(), json.writeValueAsString(envelope.get()));
        record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        if (envelope.get().correlationid() != null) {
            record.headers().add("X-Correlation-Id", envelope.get().correlationid().getBytes(StandardCharsets.UTF_8));
        }
        // The command's trace goes on here, later and on the processor's thread: a publication span, child of the
        // context the command stored in the event's metadata, whose context the record headers carry to consumers.
        Span span = tracing.startProducer(topic, envelope.get().type(), envelope.get().id(),
                EnvelopeFactory.trace(domainEvent).orElse(null));
        if (span == null) {
            kafka.send(record).get(30, TimeUnit.SECONDS);
            return;
        }
        tracing.inject(span, record.headers());
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
