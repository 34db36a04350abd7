package dev.helpdesk.escalations.inbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Takes a record from a topic: reads it (an unreadable or invalid one is set aside), skips types this service does
 * not act on, and applies the rest once. Exceptions of the application (database down) go to the error handler,
 * which retries with back-off.
 */
@Component
public class InboundRecords {

    private static final String CORRELATION_MDC_KEY = "correlationId";

    private final EventReader reader;
    private final DeadLetters deadLetters;
    private final InboundEventApplier applier;

    public InboundRecords(EventReader reader, DeadLetters deadLetters, InboundEventApplier applier) {
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.applier = applier;
    }

    public void receive(ConsumerRecord<String, String> record, Map<String, EventShape> shapes) {
        ReceivedEvent event;
        Object data;
        try {
            event = reader.envelope(record.value());
            EventShape shape = shapes.get(event.type());
            if (shape == null) {
                return;
            }
            data = reader.data(event, shape.dataType(), shape.requiredFields());
            applier.validate(data);
        } catch (InvalidRecordException e) {
            deadLetters.setAside(record, e);
            return;
        }
        if (event.correlationId() != null) {
            MDC.put(CORRELATION_MDC_KEY, event.correlationId());
        }
        try {
            applier.apply(event, data);
        } finally {
            MDC.remove(CORRELATION_MDC_KEY);
        }
    }
}
