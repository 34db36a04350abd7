package dev.helpdesk.pipeline.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.pipeline.tracing.EventSpan;
import dev.helpdesk.pipeline.tracing.EventTracing;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way a service consumes a topic: call {@link #consume} from a batch {@code @KafkaListener}.
 * <ol>
 *   <li>Each record's envelope is read once; a record that is not a readable event, or whose data breaks its type's
 *       schema, is set aside as a dead letter with the reason.</li>
 *   <li>Types the handler does not act on are skipped; a poll with nothing to apply touches no database.</li>
 *   <li>Everything else is applied in one transaction per poll, with repeats dropped in bulk and dead letters stored
 *       in the same transaction.</li>
 *   <li>If that transaction fails for a reason a retry cannot change, the poll's events are applied one at a time;
 *       an event still refused after {@link InboundProperties#maxAttempts()} tries is set aside and the partition
 *       moves on.</li>
 *   <li>A transient failure (the database unreachable) is thrown to the container, whose error handler retries the
 *       poll with back-off for as long as it lasts and never sets anything aside.</li>
 * </ol>
 * Applied events are counted ({@value #APPLIED}, tagged {@code topic} and {@code type}) and logged at DEBUG, one line
 * each with the event's ids in the logging context (an INFO line per event cost the consumers ~8 % of their CPU).
 */
public class InboundPipeline {

    private static final Logger log = LoggerFactory.getLogger(InboundPipeline.class);

    /** The counter of applied events (Prometheus {@code helpdesk_pipeline_events_applied_total}). */
    public static final String APPLIED = "helpdesk.pipeline.events.applied";

    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final ProcessedEvents processed;
    private final DeadLetters deadLetters;
    private final InboundProperties properties;
    private final EventTracing tracing;
    private final MeterRegistry meters;
    private final Map<String, Counter> appliedCounters = new ConcurrentHashMap<>();

    public InboundPipeline(ObjectMapper json, TransactionTemplate transaction, ProcessedEvents processed,
                           DeadLetters deadLetters, InboundProperties properties) {
        this(json, transaction, processed, deadLetters, properties, EventTracing.NOOP);
    }

    public InboundPipeline(ObjectMapper json, TransactionTemplate transaction, ProcessedEvents processed,
                           DeadLetters deadLetters, InboundProperties properties, EventTracing tracing) {
        this(json, transaction, processed, deadLetters, properties, tracing, new SimpleMeterRegistry());
    }

    public InboundPipeline(ObjectMapper json, TransactionTemplate transaction, ProcessedEvents processed,
                           DeadLetters deadLetters, InboundProperties properties, EventTracing tracing,
                           MeterRegistry meters) {
        this.meters = meters;
        this.json = json;
        this.transaction = transaction;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.tracing = tracing;
    }

    public void consume(List<ConsumerRecord<String, String>> records, EventHandler handler) {
        List<InboundEvent> accepted = new ArrayList<>();
        List<DeadLetter> unreadable = new ArrayList<>();
        // by identity: a record's hash would walk the event's whole data tree, for a map read only when a poll fails
        Map<InboundEvent, ConsumerRecord<String, String>> sources = new IdentityHashMap<>();
        Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            nextOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
            read(record, handler, unreadable).ifPresent(event -> {
                accepted.add(event);
                sources.put(event, record);
            });
        }
        if (accepted.isEmpty() && unreadable.isEmpty()) {
            return;
        }
        try {
            applyPoll(accepted, unreadable, nextOffsets, sources, handler);
        } catch (RuntimeException failure) {
            accepted.forEach(event -> event.span().error(failure));
            throw failure;
        } finally {
            accepted.forEach(event -> event.span().end());
        }
    }

    private void applyPoll(List<InboundEvent> accepted, List<DeadLetter> unreadable,
                           Map<TopicPartition, Long> nextOffsets, Map<InboundEvent, ConsumerRecord<String, String>> sources,
                           EventHandler handler) {
        try {
            List<InboundEvent> applied = transaction.execute(status -> {
                deadLetters.store(unreadable);
                return applyNew(accepted, nextOffsets, handler);
            });
            logApplied(applied);
        } catch (RuntimeException failure) {
            if (Failures.isTransient(failure)) {
                throw failure;
            }
            log.info("A poll of {} events failed ({}); applying them one at a time", accepted.size(),
                    Failures.describe(failure));
            transaction.executeWithoutResult(status -> deadLetters.store(unreadable));
            for (InboundEvent event : accepted) {
                applyAlone(event, sources.get(event), handler);
            }
        }
    }

    private Optional<InboundEvent> read(ConsumerRecord<String, String> record, EventHandler handler,
                                                  List<DeadLetter> unreadable) {
        ReceivedEvent envelope = null;
        try {
            String type = ReceivedEvents.peekType(json, record.value());
            if (type != null && !handler.handles(type)) {
                return Optional.empty(); // a type this service ignores: no tree, no binding
            }
            envelope = ReceivedEvents.read(json, record.value());
            if (!handler.handles(envelope.type())) {
                return Optional.empty();
            }
            Object data = handler.decode(envelope);
            EventSpan span = tracing.startApplying(record.topic(), envelope.type(), envelope.id(),
                    EventTracing.read(record.headers()), TraceHeaders.of(envelope.traceparent(), envelope.tracestate()));
            return Optional.of(new InboundEvent(envelope, data, record.topic(), record.partition(),
                    record.offset(), span));
        } catch (UnreadableEventException e) {
            unreadable.add(DeadLetter.of(record, envelope == null ? null : envelope.id(),
                    envelope == null ? null : envelope.type(), e.getMessage(), 1));
            return Optional.empty();
        } catch (RuntimeException e) {
            // A decoder that cannot make sense of the data will not on a second try either.
            unreadable.add(DeadLetter.of(record, envelope == null ? null : envelope.id(),
                    envelope == null ? null : envelope.type(), "cannot be decoded: " + Failures.describe(e), 1));
            return Optional.empty();
        }
    }

    /** Applies the events not seen before and answers them. */
    private List<InboundEvent> applyNew(List<InboundEvent> events, Map<TopicPartition, Long> nextOffsets,
                                        EventHandler handler) {
        List<InboundEvent> fresh = events;
        if (handler.deduplicates() && !events.isEmpty()) {
            List<String> recorded = events.stream().filter(event -> !handler.idempotent(event.type()))
                    .map(InboundEvent::id).toList();
            Set<String> firstSeen = recorded.isEmpty() ? Set.of() : processed.recordFirstSeen(recorded);
            Set<String> taken = new HashSet<>();
            fresh = events.stream().filter(event -> handler.idempotent(event.type())
                    || firstSeen.contains(event.id()) && taken.add(event.id())).toList();
        }
        if (!fresh.isEmpty() || !handler.deduplicates()) {
            handler.apply(new InboundBatch(fresh, nextOffsets));
        }
        return fresh;
    }

    /**
     * Counts the applied (committed) events by topic and type and, at DEBUG, logs one line per event with its
     * correlation id and span in the logging context, so that a request can be followed here.
     */
    private void logApplied(List<InboundEvent> applied) {
        if (applied == null || applied.isEmpty()) {
            return;
        }
        for (InboundEvent event : applied) {
            appliedCounters.computeIfAbsent(event.topic() + ' ' + event.type(), key -> Counter.builder(APPLIED)
                    .description("events applied by the service's consumers").tag("topic", event.topic())
                    .tag("type", event.type()).register(meters)).increment();
        }
        if (log.isDebugEnabled()) {
            new InboundBatch(applied, Map.of()).forEach(event -> log.debug("Applied {} {} from {}-{}@{}", event.type(),
                    event.id(), event.topic(), event.partition(), event.offset()));
        }
    }

    private void applyAlone(InboundEvent event, ConsumerRecord<String, String> record, EventHandler handler) {
        Map<TopicPartition, Long> next = Map.of(new TopicPartition(event.topic(), event.partition()), event.offset() + 1);
        long pause = properties.retryPause().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                logApplied(transaction.execute(status -> applyNew(List.of(event), next, handler)));
                return;
            } catch (RuntimeException failure) {
                if (Failures.isTransient(failure)) {
                    throw failure;
                }
                if (attempt >= properties.maxAttempts()) {
                    event.span().error(failure);
                    DeadLetter letter = DeadLetter.of(event, record.key(), record.value(), Failures.describe(failure), attempt);
                    transaction.executeWithoutResult(status -> deadLetters.store(List.of(letter)));
                    return;
                }
                sleep(pause);
                pause *= 2;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an event", e);
        }
    }
}
