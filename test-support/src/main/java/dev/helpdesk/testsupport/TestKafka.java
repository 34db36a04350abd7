package dev.helpdesk.testsupport;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One real Kafka broker per JVM, chosen in this order: the cluster named by {@code HELPDESK_TEST_KAFKA_BOOTSTRAP};
 * Testcontainers when a Docker engine answers; otherwise an in-process KRaft broker (the Apache Kafka broker itself,
 * not a fake). It is stopped when the JVM ends, after the Spring contexts that use it ({@link StopAfterContexts}).
 * <p>
 * Kafka's test kit deletes the broker's temporary directories (its log and metadata directory among them) in JVM
 * shutdown hooks of its own ({@code TestUtils.tempDirectory}), and a JVM runs all its hooks at once: the directory
 * vanished under the running broker while the Spring contexts were still closing, the broker failed its log
 * directory, and the contexts' listener containers then waited for it until Surefire killed the JVM 30 s after its
 * exit (sla-service, 2026-12-07). Those deletions are therefore taken from Kafka ({@link Exit#setShutdownHookAdder})
 * while the broker starts and run after it has stopped.
 */
public final class TestKafka {

    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);
    private static volatile TestKafka instance;
    /** What Kafka asked to run at the JVM's end while the broker started: run after the broker stops instead. */
    private static final List<Runnable> AFTER_BROKER_STOPPED = new CopyOnWriteArrayList<>();

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
        Exit.setShutdownHookAdder((name, hook) -> AFTER_BROKER_STOPPED.add(hook));
        try {
            broker.afterPropertiesSet();
        } finally {
            Exit.resetShutdownHookAdder();
        }
        StopAfterContexts.register("the tests' Kafka broker", () -> {
            try {
                broker.destroy();
            } finally {
                AFTER_BROKER_STOPPED.forEach(Runnable::run);
            }
        });
        return new TestKafka(broker.getBrokersAsString());
    }

    /** How many of Kafka's shutdown hooks (temporary directories to delete) wait for the broker to stop. */
    static int deferredShutdownHooks() {
        return AFTER_BROKER_STOPPED.size();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }
}
