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
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to helpdesk.tickets.v1, in store order, keyed by aggregate id (docs/publishing.md).
 * It is a tracking processor of its own that takes a batch of stored events at a time: each event's record is handed
 * to the producer at once (idempotent, acks=all, linger.ms), and after the batch's last event it waits for all of the
 * broker's acknowledgements, with no database transaction open, extending its token claim while it waits. Only then
 * does the processor move its token, in a short transaction. A failure makes it retry the batch from the token
 * instead of skipping; a crash between ack and token update re-sends the same records with the same event ids.
 */
@Component
@ConditionalOnProperty(name = "helpdesk.tickets.publishing.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(AxonConfig.KAFKA_PUBLISHER)
class KafkaEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final String PENDING = KafkaEventPublisher.class.getName() + ".pending";
    /** How often the claim on the token is extended while acknowledgements are awaited (the claim lasts 10 s). */
    private static final Duration WAIT_SLICE = Duration.ofSeconds(2);
    /** The publisher's processor is single-threaded: one segment. */
    private static final int SEGMENT = 0;

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final String topic;
    private final EventTracing tracing;
    private final PublisherTokens tokens;
    private final Duration ackTimeout;

    KafkaEventPublisher(KafkaTemplate<String, String> kafka, ObjectMapper json,
                        @Value("${helpdesk.topics.tickets}") String topic, EventTracing tracing, PublisherTokens tokens,
                        @Value("${helpdesk.tickets.publishing.ack-timeout:PT60S}") Duration ackTimeout) {
        this.kafka = kafka;
        this.json = json;
        this.topic = topic;
        this.tracing = tracing;
        this.tokens = tokens;
        this.ackTimeout = ackTimeout;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) throws JsonProcessingException, InterruptedException,
            ExecutionException, TimeoutException {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        List<CompletableFuture<?>> pending = unitOfWork.getOrComputeResource(PENDING, key -> new ArrayList<>());
        if (event instanceof DomainEventMessage<?> domainEvent) {
            send(domainEvent).ifPresent(pending::add);
        }
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            awaitAcknowledgements(pending);
        }
    }

    private Optional<CompletableFuture<?>> send(DomainEventMessage<?> domainEvent) throws JsonProcessingException {
        Optional<EventEnvelope<Object>> envelope = EnvelopeFactory.envelope(domainEvent);
        if (envelope.isEmpty()) {
            log.warn("Not publishing {}: not part of the published event language", domainEvent.getPayloadType().getName());
            return Optional.empty();
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
            return Optional.of(kafka.send(record));
        }
        tracing.inject(span, record.headers());
        try {
            return Optional.of(kafka.send(record).whenComplete((result, failure) -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            }));
        } catch (RuntimeException e) {
            span.error(e);
            span.end();
            throw e;
        }
    }

    /**
     * Waits for every record of the batch, outside any transaction, extending the token claim every
     * {@link #WAIT_SLICE} so that no other instance takes the token over while the broker is slow (a lost claim ends
     * the wait: the batch is re-sent from the token by whoever holds it).
     */
    private void awaitAcknowledgements(List<CompletableFuture<?>> pending) throws InterruptedException,
            ExecutionException, TimeoutException {
        if (pending.isEmpty()) {
            return;
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        while (true) {
            try {
                all.get(WAIT_SLICE.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException slice) {
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException(pending.stream().filter(f -> !f.isDone()).count() + " of " + pending.size()
                            + " records not acknowledged within " + ackTimeout);
                }
                tokens.store().extendClaim(AxonConfig.KAFKA_PUBLISHER, SEGMENT);
            }
        }
    }
}
