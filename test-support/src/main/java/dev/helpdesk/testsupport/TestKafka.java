package dev.helpdesk.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Map;

/**
 * One real Kafka broker per JVM, chosen in this order: the cluster named by {@code HELPDESK_TEST_KAFKA_BOOTSTRAP};
 * Testcontainers when a Docker engine answers; otherwise an in-process KRaft broker (the Apache Kafka broker itself,
 * not a fake). It is stopped when the JVM ends, after the Spring contexts that use it ({@link StopAfterContexts}).
 */
public final class TestKafka {

    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);
    private static volatile TestKafka instance;

    private final String bootstrapServers;

    private TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this JVM, started on first use and stopped when the JVM ends. */
    public static TestKafka get() {
        if (instance == null) {
            synchronized (TestKafka.class) {
                if (instance == null) {
                    instance = start();
                    log.info("Tests use Kafka at {}", instance.bootstrapServers);
                }
            }
        }
        return instance;
    }

    private static TestKafka start() {
        String configured = System.getenv("HELPDESK_TEST_KAFKA_BOOTSTRAP");
        if (configured != null && !configured.isBlank()) {
            return new TestKafka(configured);
        }
        if (TestPostgres.Docker.isAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:3.9.1");
            container.start();
            StopAfterContexts.register("the tests' Kafka container", container::stop);
            return new TestKafka(container.getBootstrapServers());
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", "3",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        StopAfterContexts.register("the tests' Kafka broker", broker::destroy);
        return new TestKafka(broker.getBrokersAsString());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }
}
