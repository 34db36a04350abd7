package dev.helpdesk.pipeline.inbound;

import dev.helpdesk.pipeline.tracing.EventSpan;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The new events of one poll (repeats already dropped where the handler asked for de-duplication), in the order they
 * were read, and the next offset of every partition the poll read, ignored records included.
 */
public record InboundBatch(List<InboundEvent> events, Map<TopicPartition, Long> nextOffsets) {

    public InboundBatch {
        events = List.copyOf(events);
        nextOffsets = Map.copyOf(nextOffsets);
    }

    /**
     * Runs {@code action} for each event in order, with the event's correlation id in the logging context and the
     * span of its application current (so its trace and span ids are in the logging context too, and outbox rows
     * written in {@code action} carry its trace context).
     */
    public void forEach(Consumer<InboundEvent> action) {
        for (InboundEvent event : events) {
            String correlationId = event.envelope().correlationId();
            if (correlationId != null) {
                MDC.put("correlationId", correlationId);
            }
            try (EventSpan.Scope scope = event.span().open()) {
                action.accept(event);
            } finally {
                MDC.remove("correlationId");
            }
        }
    }
}
