package dev.helpdesk.pipeline.outbox;

import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.pipeline.tracing.EventTracing;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the outbox in id order, on a thread of its own. One instance of a service relays at a time (a
 * session-level advisory lock, released when the relay stops or its connection dies), so every stream's events reach
 * Kafka in their order. The relay's connection runs without a transaction: no transaction stays open while it waits
 * for the broker. Rows are marked published only after the broker acknowledged them, so a crash re-sends at most the
 * last batch, with the same event ids (at least once).
 * <p>
 * It is woken right after every commit that wrote outbox rows, and otherwise looks every
 * {@link OutboxProperties#fallbackInterval()}: an idle service costs one statement per interval.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The advisory lock of the relay ("outbox" in ASCII); each service has its own database. */
    static final long RELAY_LOCK = 0x6f7574626f78L;
    private static final int LOCK_RETRIES_AFTER_WAKE_UP = 20;
    private static final Duration LOCK_RETRY_PAUSE = Duration.ofMillis(100);

    private final DataSource dataSource;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final EventTracing tracing;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Timer lag;
    private final Counter published;
    private volatile boolean running;
    private volatile Thread thread;
    private long lastPrune = System.nanoTime();

    public OutboxRelay(DataSource dataSource, KafkaTemplate<String, String> kafka, OutboxProperties properties,
                       MeterRegistry meters) {
        this(dataSource, kafka, properties, meters, EventTracing.NOOP);
    }

    public OutboxRelay(DataSource dataSource, KafkaTemplate<String, String> kafka, OutboxProperties properties,
                       MeterRegistry meters, EventTracing tracing) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.properties = properties;
        this.tracing = tracing;
        this.lag = Timer.builder("helpdesk.outbox.publish.lag")
                .description("time from an outbox row's commit to the broker's acknowledgement")
                .publishPercentileHistogram().register(meters);
        this.published = Counter.builder("helpdesk.outbox.published").description("outbox rows published")
                .register(meters);
    }

    /** Asks the relay to look now (called after a commit that wrote outbox rows). */
    public void wakeUp() {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread relay = thread;
        if (relay != null) {
            relay.interrupt();
            try {
                relay.join(properties.sendTimeout().toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the listeners (which may still write rows) and before the connection pool and the producer. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    private void run() {
        Duration pause = Duration.ZERO;
        while (running) {
            try {
                boolean wokenUp = wakeUps.tryAcquire(properties.fallbackInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                if (!pause.isZero()) {
                    Thread.sleep(pause.toMillis());
                }
                relayUntilEmpty(wokenUp ? LOCK_RETRIES_AFTER_WAKE_UP : 0);
                pruneWhenDue();
                pause = Duration.ZERO;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                pause = pause.isZero() ? Duration.ofMillis(500) : min(pause.multipliedBy(2), Duration.ofSeconds(30));
                log.warn("Outbox relay failed, retrying in {} ms: {}", pause.toMillis(), e.toString());
            }
        }
    }

    /**
     * Publishes every unpublished row, in batches, while holding the relay lock. When another instance holds it
     * after a wake-up, tries again a few times: that instance may have looked just before this one's commit.
     */
    void relayUntilEmpty(int lockRetries) throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (int attempt = 0; !tryLock(connection); attempt++) {
                if (attempt >= lockRetries) {
                    return;
                }
                Thread.sleep(LOCK_RETRY_PAUSE.toMillis());
            }
            try {
                while (running && relayBatch(connection) == properties.batchSize()) {
                    // a full batch: there may be more
                }
            } finally {
                unlock(connection);
            }
        }
    }

    private int relayBatch(Connection connection) throws SQLException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, topic, record_key, payload, correlation_id, created_at, event_id, event_type, traceparent, "
                        + "tracestate FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
            select.setInt(1, properties.batchSize());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getString(5), result.getTimestamp(6).toInstant(), result.getString(7),
                            result.getString(8), TraceHeaders.of(result.getString(9), result.getString(10))));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            sends.add(send(row));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the batch", e);
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
            mark.setArray(1, connection.createArrayOf("bigint", rows.stream().map(Row::id).toArray(Long[]::new)));
            mark.executeUpdate();
        }
        Instant now = Instant.now();
        rows.forEach(row -> lag.record(Duration.between(row.createdAt(), now).abs()));
        published.increment(rows.size());
        return rows.size();
    }

    /**
     * Sends one row; a row that carries the trace context of its cause is published in a span continuing it, whose
     * context the record headers carry to the consumers.
     */
    private CompletableFuture<?> send(Row row) {
        ProducerRecord<String, String> record = row.toRecord();
        Span span = tracing.startProducer(row.topic(), row.eventType(), row.eventId(), row.trace());
        if (span == null) {
            return kafka.send(record);
        }
        tracing.inject(span, record.headers());
        return kafka.send(record).whenComplete((result, failure) -> {
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        });
    }

    private void pruneWhenDue() {
        if (System.nanoTime() - lastPrune < properties.pruneInterval().toNanos()) {
            return;
        }
        lastPrune = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement prune = connection.prepareStatement("DELETE FROM outbox WHERE id IN "
                     + "(SELECT id FROM outbox WHERE published_at < ? ORDER BY id LIMIT 10000)")) {
            connection.setAutoCommit(true);
            prune.setTimestamp(1, Timestamp.from(Instant.now().minus(properties.retention())));
            int pruned;
            int total = 0;
            do {
                pruned = prune.executeUpdate();
                total += pruned;
            } while (pruned == 10_000 && running);
            if (total > 0) {
                log.info("Pruned {} published outbox rows older than {}", total, properties.retention());
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Pruning the outbox failed, will try again: {}", e.toString());
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, RELAY_LOCK);
            unlock.execute();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Row(long id, String topic, String key, String payload, String correlationId, Instant createdAt,
                       String eventId, String eventType, TraceHeaders trace) {

        ProducerRecord<String, String> toRecord() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            if (correlationId != null) {
                record.headers().add("X-Correlation-Id", correlationId.getBytes(StandardCharsets.UTF_8));
            }
            return record;
        }
    }
}
