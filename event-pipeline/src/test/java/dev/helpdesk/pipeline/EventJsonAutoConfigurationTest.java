package dev.helpdesk.pipeline;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's Spring-built ObjectMapper reads instants through the fast path, and as Spring Boot's mapper does. */
class EventJsonAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(EventJsonAutoConfiguration.class, JacksonAutoConfiguration.class));

    record Stamped(Instant at) {
    }

    @Test
    void theServicesMapperReadsInstantsThroughTheFastPath() {
        runner.run(context -> {
            ObjectMapper json = context.getBean(ObjectMapper.class);
            DeserializationContext deserialization = ((DefaultDeserializationContext) json.getDeserializationContext())
                    .createInstance(json.getDeserializationConfig(), null, null);
            assertThat(deserialization.findRootValueDeserializer(json.constructType(Instant.class)).getClass().getName())
                    .endsWith("FastInstantDeserializer");
            assertThat(json.readValue("{\"at\":\"2026-12-07T01:02:03.25Z\"}", Stamped.class).at())
                    .isEqualTo(Instant.parse("2026-12-07T01:02:03.25Z"));
            assertThat(json.readValue("{\"at\":\"2026-12-07T03:02:03+02:00\"}", Stamped.class).at())
                    .isEqualTo(Instant.parse("2026-12-07T01:02:03Z"));
        });
    }
}
