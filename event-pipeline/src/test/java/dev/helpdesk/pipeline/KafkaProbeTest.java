package dev.helpdesk.pipeline;

import dev.helpdesk.pipeline.health.KafkaHealthIndicator;
import dev.helpdesk.pipeline.health.KafkaProbe;
import dev.helpdesk.testsupport.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker checks behind the kafka health indicator and the lag gauges, against the real test broker. */
class KafkaProbeTest {

    private final String bootstrap = TestKafka.get().bootstrapServers();

    @Test
    void theLagOfAGroupIsWhatItHasNotCommittedOnEveryPartitionOfItsTopics() throws Exception {
        String topic = "probe-" + UUID.randomUUID();
        String group = "group-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             // a fresh broker creates its offsets topic on the first group call: generous on a loaded machine
             KafkaProbe probe = new KafkaProbe(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), Duration.ofSeconds(60));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i)).get(10, TimeUnit.SECONDS);
            }
            producer.send(new ProducerRecord<>(topic, 1, "k", "w")).get(10, TimeUnit.SECONDS);

            assertThat(probe.lag(group, Set.of(topic))).as("nothing committed yet").isEqualTo(6);

            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(3)))
                    .all().get(10, TimeUnit.SECONDS);
            assertThat(probe.lag(group, Set.of(topic))).isEqualTo(2 + 1);
        }
    }

    @Test
    void theHealthIsUpWhileTheBrokerAnswersAndItsAnswerIsReusedForItsTtl() throws Exception {
        MutableClock clock = new MutableClock();
        try (KafkaProbe probe = new KafkaProbe(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), Duration.ofSeconds(5))) {
            KafkaHealthIndicator health = new KafkaHealthIndicator(probe, Duration.ofSeconds(5), clock);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health()).isSameAs(health.health());
            Object first = health.health();
            clock.now = clock.now.plusSeconds(6);
            assertThat(health.health()).isNotSameAs(first);
        }
    }

    @Test
    void theHealthIsDownWithinTheTimeoutWhenNoBrokerAnswers() throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        try (KafkaProbe probe = new KafkaProbe(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + nothingListens),
                Duration.ofSeconds(2))) {
            KafkaHealthIndicator health = new KafkaHealthIndicator(probe, Duration.ofSeconds(5), new MutableClock());
            long start = System.nanoTime();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            // bounded by the probe's timeout (2 s) plus scheduling on a loaded machine; unbounded, the admin client
            // would wait its default 60 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
