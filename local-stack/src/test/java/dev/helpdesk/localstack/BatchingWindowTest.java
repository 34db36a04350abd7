package dev.helpdesk.localstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumers' batching window (docs/event-pipeline.md, "Batching window"), as the Kafka client of each deployable
 * gets it: each application.yml bound into Spring Boot's {@link KafkaProperties} with the given environment in front,
 * then turned into the consumer's configuration. The services whose readers can wait ask the broker to hold a fetch
 * until 64 KB or 250 ms; the sla-service's clocks do not wait; each service's two variables change its own window.
 */
class BatchingWindowTest {

    private static final List<List<String>> WINDOWED = List.of(
            List.of("ticket-service", "TICKETS"),
            List.of("escalation-service", "ESCALATIONS"),
            List.of("budget-service", "BUDGETS"),
            List.of("webhook-service", "WEBHOOKS"),
            List.of("notification-service", "NOTIFICATIONS"));

    @Test
    void theConsumersWhoseReadersCanWaitAskForSixtyFourKilobytesOrAQuarterOfASecond() throws Exception {
        for (List<String> service : WINDOWED) {
            Map<String, Object> consumer = consumerOf(service.get(0), Map.of());
            assertThat(consumer).as(service.get(0))
                    .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65536)
                    .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250);
        }
    }

    @Test
    void theSlaClocksAreFetchedAsSoonAsOneRecordIsThere() throws Exception {
        assertThat(consumerOf("sla-service", Map.of())).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        assertThat(consumerOf("sla-service", Map.of("HELPDESK_SLA_FETCH_MIN_BYTES", "64KB", "HELPDESK_SLA_FETCH_MAX_WAIT", "50ms")))
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65536)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    }

    @Test
    void eachServicesVariablesSetItsOwnWindow() throws Exception {
        for (List<String> service : WINDOWED) {
            String prefix = "HELPDESK_" + service.get(1);
            Map<String, Object> consumer = consumerOf(service.get(0),
                    Map.of(prefix + "_FETCH_MIN_BYTES", "1B", prefix + "_FETCH_MAX_WAIT", "100ms"));
            assertThat(consumer).as(service.get(0))
                    .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)
                    .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
            // another service's variable leaves it alone
            String other = service.get(1).equals("BUDGETS") ? "HELPDESK_TICKETS" : "HELPDESK_BUDGETS";
            assertThat(consumerOf(service.get(0), Map.of(other + "_FETCH_MIN_BYTES", "1B")))
                    .as(service.get(0)).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65536);
        }
    }

    private static Map<String, Object> consumerOf(String deployable, Map<String, Object> environment) throws Exception {
        Path yml = Path.of("..").toAbsolutePath().normalize().resolve(deployable).resolve("src/main/resources/application.yml");
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        spring.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        spring.getPropertySources().addFirst(new MapPropertySource("environment", environment));
        for (PropertySource<?> source : new YamlPropertySourceLoader().load(deployable, new FileSystemResource(yml))) {
            spring.getPropertySources().addLast(source);
        }
        KafkaProperties kafka = Binder.get(spring).bind("spring.kafka", KafkaProperties.class).orElseGet(KafkaProperties::new);
        return kafka.buildConsumerProperties(null);
    }
}
