package dev.helpdesk.testsupport;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves the servers the tests get are real: SQL goes to a PostgreSQL server and records through a Kafka broker. */
class RealServersTest {

    @Test
    void postgresRoundTripsRowsInAFreshDatabase() throws Exception {
        String url = TestPostgres.get().createDatabase("roundtrip");
        try (Connection connection = TestPostgres.get().connect(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (id bigserial PRIMARY KEY, body text NOT NULL)");
            statement.execute("INSERT INTO note (body) VALUES ('stored')");
            try (ResultSet rows = statement.executeQuery("SELECT body, version() FROM note")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("stored");
                assertThat(rows.getString(2)).startsWith("PostgreSQL");
            }
        }
    }

    @Test
    void freshDatabasesDoNotShareTables() throws Exception {
        String first = TestPostgres.get().createDatabase("isolation");
        String second = TestPostgres.get().createDatabase("isolation");
        assertThat(first).isNotEqualTo(second);
        try (Connection connection = TestPostgres.get().connect(first); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_here (id int)");
        }
        try (Connection connection = TestPostgres.get().connect(second); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void kafkaRoundTripsARecordThroughTheBroker() throws Exception {
        String bootstrap = TestKafka.get().bootstrapServers();
        String topic = "roundtrip." + UUID.randomUUID();
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.describeCluster().nodes().get()).isNotEmpty();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "key-1", "{\"hello\":\"kafka\"}")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(record -> values.add(record.key() + "=" + record.value()));
            }
            assertThat(values).containsExactly("key-1={\"hello\":\"kafka\"}");
        }
    }

    @Test
    void theEmbeddedBrokersDirectoriesAreLeftForAfterItStopsNotToHooksOfTheirOwn() {
        TestKafka.get();
        String configured = System.getenv("HELPDESK_TEST_KAFKA_BOOTSTRAP");
        boolean embedded = (configured == null || configured.isBlank()) && !TestPostgres.Docker.isAvailable();
        if (embedded) {
            // Kafka's test kit asked for its temporary directories to be deleted at the JVM's end: taken over, so that
            // the deletion cannot run while the broker and the contexts using it are still stopping
            assertThat(TestKafka.deferredShutdownHooks()).isPositive();
        } else {
            assertThat(TestKafka.deferredShutdownHooks()).isZero();
        }
    }

    @Test
    void tokensCarryRolesAndOrganisation() throws Exception {
        String token = TestTokens.contact("u-1", "org-1");
        var claims = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("u-1");
        assertThat(claims.getStringListClaim("roles")).containsExactly("contact");
        assertThat(claims.getStringClaim("org")).isEqualTo("org-1");
    }
}
