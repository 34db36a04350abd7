package dev.helpdesk.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With the module a mapper reads every {@code Instant} as it does without it, through the fast path where it can. */
class FastInstantsModuleTest {

    private static final ObjectMapper STANDARD = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final ObjectMapper FAST = new ObjectMapper().registerModule(new FastInstantsModule())
            .registerModule(new JavaTimeModule());

    record Stamped(Instant at, @JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC") Instant formatted) {
    }

    @Test
    void theMappersInstantDeserializerGetsTheFastPathInFront() throws Exception {
        DeserializationContext context = ((DefaultDeserializationContext) FAST.getDeserializationContext())
                .createInstance(FAST.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(FAST.constructType(Instant.class)))
                .isInstanceOf(FastInstantsModule.FastInstantDeserializer.class);
    }

    @Test
    void readsEveryFormTheStandardDeserializerReadsToTheSameValueAndRefusesTheSame() {
        List<String> values = List.of("\"2026-12-07T01:02:03Z\"", "\"2026-12-07T01:02:03.123456789Z\"",
                "\"2026-12-07T01:02:03+02:00\"", "\"2016-12-31T23:59:60Z\"", "1733533323", "1733533323.5",
                "\"1733533323\"", "\"\"", "null", "\"2026-02-30T00:00:00Z\"", "\"yesterday\"", "true", "{}");
        for (String value : values) {
            String json = "{\"at\":" + value + "}";
            assertThat(outcome(FAST, json)).as(json).isEqualTo(outcome(STANDARD, json));
        }
        String formatted = "{\"formatted\":\"2026-12-07 01:02\"}";
        assertThat(outcome(FAST, formatted)).isEqualTo(outcome(STANDARD, formatted)).startsWith("read");
        String canonicalWherePatternApplies = "{\"formatted\":\"2026-12-07T01:02:03Z\"}";
        assertThat(outcome(FAST, canonicalWherePatternApplies)).isEqualTo(outcome(STANDARD, canonicalWherePatternApplies));
    }

    @Test
    void readsDataThroughATreeAsTheEnvelopeReaderDoes() throws Exception {
        var tree = FAST.readTree("{\"at\":\"2026-12-07T01:02:03.5Z\"}");
        assertThat(FAST.treeToValue(tree, Stamped.class).at()).isEqualTo(Instant.parse("2026-12-07T01:02:03.5Z"));
    }

    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return "read " + mapper.readValue(json, Stamped.class);
        } catch (Exception e) {
            return "refused " + e.getClass().getSimpleName();
        }
    }
}
