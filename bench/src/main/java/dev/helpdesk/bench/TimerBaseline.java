package dev.helpdesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The machine's own floor for firing a batch of N timers, measured in the same run: the least work that makes N
 * warnings durable and published, done with plain JDBC and a plain producer. In PostgreSQL: one transaction that
 * locks the N tickets, updates their N clocks and inserts N event-sized outbox rows set-based (rolled back, so the
 * benchmark's data stays as it is); on Kafka: N event-sized records sent to a scratch topic (3 partitions, acks=all,
 * idempotent, as the service's producer) until all are acknowledged.
 */
final class TimerBaseline {

    private static final int EVENT_BYTES = 520; // a warning-reached envelope as the service writes it

    private TimerBaseline() {
    }

    /** Milliseconds for the SQL part. */
    static double sql(Connection db, List<String> tickets) throws Exception {
        db.setAutoCommit(false);
        try (PreparedStatement lock = db.prepareStatement("SELECT ticket_id FROM ticket WHERE ticket_id = ANY (?) FOR UPDATE");
             PreparedStatement clocks = db.prepareStatement("UPDATE clock SET fired_thresholds = '[75]', "
                     + "next_timer_at = started_at + 0.9 * target_ms * interval '1 millisecond', next_timer_percent = 90 "
                     + "WHERE ticket_id = ANY (?) AND metric = 'FIRST_RESPONSE'");
             PreparedStatement outbox = db.prepareStatement("INSERT INTO outbox (event_id, topic, record_key, event_type, payload) "
                     + "SELECT gen_random_uuid()::text, 'bench.baseline', t, 'bench.baseline', repeat('x', " + EVENT_BYTES + ") "
                     + "FROM unnest(?::text[]) t")) {
            java.sql.Array ids = db.createArrayOf("text", tickets.toArray());
            long started = System.nanoTime();
            lock.setArray(1, ids);
            lock.executeQuery().close();
            clocks.setArray(1, ids);
            clocks.executeUpdate();
            outbox.setArray(1, ids);
            outbox.executeUpdate();
            return (System.nanoTime() - started) / 1e6;
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    /** Milliseconds for the Kafka part (the same records are sent once before, to warm the producer up). */
    static double kafka(String bootstrap, List<String> tickets) throws Exception {
        String topic = "bench.timer-baseline";
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            if (!client.listTopics().names().get().contains(topic)) {
                client.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
        }
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        String value = "x".repeat(EVENT_BYTES);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            sendAll(producer, topic, tickets, value); // warm-up: connections, metadata, buffers
            long started = System.nanoTime();
            sendAll(producer, topic, tickets, value);
            return (System.nanoTime() - started) / 1e6;
        }
    }

    private static void sendAll(KafkaProducer<String, String> producer, String topic, List<String> keys, String value)
            throws Exception {
        List<Future<?>> sends = new ArrayList<>();
        for (String key : keys) {
            sends.add(producer.send(new ProducerRecord<>(topic, key, value)));
        }
        for (Future<?> send : sends) {
            send.get();
        }
    }
}
