package dev.helpdesk.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.helpdesk.events.golden.GoldenEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudEvents distributed-tracing extension: written when the producer has it, read when well formed. */
class TraceExtensionTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Test
    void anEnvelopeWithoutTraceContextLeavesTheExtensionOut() throws Exception {
        String text = json.writeValueAsString(new EventEnvelope<>(EventEnvelope.SPEC_VERSION, "e-1", "t.v1", "/s", "k",
                Instant.parse("2026-12-03T10:00:00Z"), EventEnvelope.DATA_CONTENT_TYPE, "Ticket", 0, null, "u", null,
                Map.of("a", 1)));

        assertThat(json.readTree(text).has("traceparent")).isFalse();
        assertThat(json.readTree(text).has("tracestate")).isFalse();
        assertThat(ReceivedEvents.read(json, text).traceparent()).isNull();
    }

    @Test
    void theGoldenEnvelopeCarriesTraceparentAndTracestate() {
        ReceivedEvent event = ReceivedEvents.read(json, GoldenEvents.text("helpdesk.ticket.opened.v1"));

        assertThat(event.traceparent()).isEqualTo(TRACEPARENT);
        assertThat(event.tracestate()).isEqualTo("rojo=00f067aa0ba902b7");
    }

    @Test
    void aMalformedTraceparentIsDroppedNotRefused() {
        for (String bad : new String[] {"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "garbage",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}) {
            ReceivedEvent event = ReceivedEvents.read(json, """
                    {"id":"e-1","type":"t.v1","data":{},"traceparent":"%s","tracestate":"a=b"}""".formatted(bad));

            assertThat(event.traceparent()).as(bad).isNull();
            assertThat(event.tracestate()).as(bad).isNull();
        }
    }
}
