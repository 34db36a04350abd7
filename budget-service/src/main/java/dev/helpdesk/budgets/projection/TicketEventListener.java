package dev.helpdesk.budgets.projection;

import dev.helpdesk.edge.CorrelationIdFilter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Consumes {@code helpdesk.tickets.v1} in the service's consumer group (instances share the partitions), with the
 * record's correlation id in the logs.
 */
@Component
public class TicketEventListener {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private final LiveProjection projection;

    public TicketEventListener(LiveProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(id = "${helpdesk.budgets.consumer-group}", topics = "${helpdesk.topics.tickets}")
    public void on(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(CorrelationIdFilter.HEADER);
        String correlationId = header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        if (correlationId != null && SAFE.matcher(correlationId).matches()) {
            MDC.put(CorrelationIdFilter.MDC_KEY, correlationId);
        }
        try {
            projection.accept(record);
        } finally {
            MDC.remove(CorrelationIdFilter.MDC_KEY);
        }
    }
}
