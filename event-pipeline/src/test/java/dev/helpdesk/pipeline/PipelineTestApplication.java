package dev.helpdesk.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.pipeline.inbound.InboundPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A service as small as possible that consumes one topic with the pipeline: it stores notes. */
@SpringBootApplication
public class PipelineTestApplication {

    public static final String NOTE_ADDED = "test.note.added.v1";

    public record NoteAdded(String noteId, String body) {
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Component
    public static class NoteHandler implements EventHandler {

        private final ObjectMapper json;
        private final JdbcTemplate jdbc;
        final AtomicInteger batches = new AtomicInteger();
        /** The trace id in the logging context while each event (by id) was applied. */
        final Map<String, String> traceIdsInLogs = new ConcurrentHashMap<>();

        NoteHandler(ObjectMapper json, JdbcTemplate jdbc) {
            this.json = json;
            this.jdbc = jdbc;
        }

        @Override
        public boolean handles(String type) {
            return NOTE_ADDED.equals(type);
        }

        @Override
        public Object decode(ReceivedEvent event) {
            return ReceivedEvents.data(json, event, NoteAdded.class, List.of("noteId", "body"));
        }

        @Override
        public void apply(InboundBatch batch) {
            batches.incrementAndGet();
            batch.forEach(event -> {
                NoteAdded note = (NoteAdded) event.data();
                traceIdsInLogs.put(event.id(), String.valueOf(MDC.get("traceId")));
                jdbc.update("INSERT INTO note (event_id, body, position_seen) VALUES (?, ?, ?)", event.id(), note.body(),
                        event.offset());
            });
        }
    }

    @Component
    static class NoteListener {

        private final InboundPipeline pipeline;
        private final NoteHandler handler;

        NoteListener(InboundPipeline pipeline, NoteHandler handler) {
            this.pipeline = pipeline;
            this.handler = handler;
        }

        @KafkaListener(topics = "${helpdesk.topics.tickets}", batch = "true")
        void on(List<ConsumerRecord<String, String>> records) {
            pipeline.consume(records, handler);
        }
    }
}
