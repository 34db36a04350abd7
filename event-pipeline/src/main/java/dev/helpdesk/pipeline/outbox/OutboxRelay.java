package dev.helpdesk.pipeline.outbox;

import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.pipeline.tracing.EventTracing;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the outbox on a thread of its own, every stream in its order. One instance of a service relays at a time:
 * the leader holds a session-level advisory lock on a connection of its own for as long as it leads (every statement
 * and every wait on that connection shows that the session, and so the lock, is still there; a broken connection
 * ends the leadership), and no transaction is open while it waits for the broker.
 * <p>
 * The leader {@code LISTEN}s: every commit that wrote outbox rows notifies it with the rows' ids, in commit order
 * ({@link OutboxWriter}). Rows written by this instance were handed over in memory and are sent as they are; others
 * are read by id. Within a stream, id order is commit order (the writer's stream lock), so sending each wake-up's rows
 * in id order, one wake-up after the other, keeps every stream's order. Acknowledged rows are marked published in
 * bulk, at the latest with the next full look ({@link OutboxProperties#fallbackInterval()}, which also finds anything
 * a notification did not name) or once a batch of them waits; a crash re-sends at most those, with the same event ids
 * (at least once). Other instances try the lock at every fallback interval and when woken by their own writes.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The advisory lock of the relay ("outbox" in ASCII); each service has its own database. */
    static final long RELAY_LOCK = 0x6f7574626f78L;
    /** The channel of the writers' notifications: {@code <writer's instance id>:<ids, comma-separated, or *>}. */
    public static final String CHANNEL = "helpdesk_outbox";
    /** The writer id of a writer that hands nothing over. */
    public static final String ANONYMOUS_WRITER = "-";
    /** Longer id lists are sent as {@code *} (look at everything); a notification carries at most 8000 bytes. */
    public static final int MAX_LISTED_IDS_LENGTH = 7000;
    private static final Duration WAIT_SLICE = Duration.ofMillis(250);
    private static final Duration CLEAN_STOP = Duration.ofSeconds(2);
    private static final Duration LOCK_ATTEMPT_SPACING = Duration.ofMillis(500);
    private static final int REMEMBERED_SENT_IDS = 20_000;
    private static final String COLUMNS = "id, topic, record_key, payload, correlation_id, created_at, event_id, event_type, "
            + "traceparent, tracestate";

    private final DataSource dataSource;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final String instanceId = UUID.randomUUID().toString();
    private final EventTracing tracing;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Map<Long, Row> handedOver = new ConcurrentHashMap<>();
    private final Timer lag;
    private final Counter published;
    private volatile boolean running;
    private volatile boolean leading;
    private volatile Thread thread;
    private long lastPrune = System.nanoTime();

    // The leader's state, touched by the relay thread only.
    private Connection leadership;
    private final List<Long> acknowledged = new ArrayList<>();
    private final Map<Long, Boolean> recentlySent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED_SENT_IDS;
        }
    };

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

    /** Names this relay in its writer's notifications, so that it knows which rows it was handed. */
    public String instanceId() {
        return instanceId;
    }

    /** Asks the relay to look now (called after a commit that wrote outbox rows). */
    public void wakeUp() {
        wakeUps.release();
    }

    /**
     * Rows this instance's writer inserted in the current transaction; kept for the notification of their commit
     * while this instance leads, forgotten if the transaction rolls back.
     */
    void handOver(List<Row> rows) {
        if (!leading) {
            return;
        }
        rows.forEach(row -> handedOver.put(row.id(), row));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        rows.forEach(row -> handedOver.remove(row.id()));
                    }
                }
            });
        }
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
        wakeUps.release();
        Thread relay = thread;
        if (relay != null) {
            try {
                // a moment to mark what was acknowledged and let go of the lock; then stop whatever it waits for
                relay.join(CLEAN_STOP.toMillis());
                relay.interrupt();
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
        long lastAttempt = 0;
        try {
            while (running) {
                try {
                    if (!pause.isZero()) {
                        wakeUps.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    if (running && System.nanoTime() - lastAttempt >= LOCK_ATTEMPT_SPACING.toNanos()) {
                        lastAttempt = System.nanoTime();
                        if (becomeLeader()) {
                            lead();
                        }
                    }
                    pruneWhenDue();
                    pause = Duration.ZERO;
                    if (running) {
                        wakeUps.tryAcquire(properties.fallbackInterval().toMillis(), TimeUnit.MILLISECONDS);
                        wakeUps.drainPermits();
                    }
                } catch (RuntimeException | SQLException e) {
                    resign(false);
                    pause = pause.isZero() ? Duration.ofMillis(500) : min(pause.multipliedBy(2), Duration.ofSeconds(30));
                    log.warn("Outbox relay failed, retrying in {} ms: {}", pause.toMillis(), e.toString());
                }
            }
            resign(true);
        } catch (InterruptedException e) {
            resign(false);
            Thread.currentThread().interrupt();
        }
    }

    private boolean becomeLeader() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, RELAY_LOCK);
                try (ResultSet result = lock.executeQuery()) {
                    if (!result.next() || !result.getBoolean(1)) {
                        connection.close();
                        return false;
                    }
                }
            }
            try (Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        leadership = connection;
        leading = true;
        log.info("This instance relays the outbox");
        return true;
    }

    /** Relays until stopped: a full look first and every fallback interval, the notified rows in between. */
    private void lead() throws SQLException, InterruptedException {
        PGConnection notifications = leadership.unwrap(PGConnection.class);
        long fullLookDue = System.nanoTime();
        while (running) {
            if (System.nanoTime() - fullLookDue >= 0) {
                lookAtEverything();
                pruneWhenDue();
                fullLookDue = System.nanoTime() + properties.fallbackInterval().toNanos();
            }
            long waitMillis = Math.max(1, Math.min(WAIT_SLICE.toMillis(),
                    TimeUnit.NANOSECONDS.toMillis(fullLookDue - System.nanoTime())));
            PGNotification[] received = notifications.getNotifications((int) waitMillis);
            if (received != null && received.length > 0 && relayNotified(received)) {
                fullLookDue = System.nanoTime();
            }
            if (acknowledged.size() >= properties.batchSize()) {
                markAcknowledged();
            }
        }
    }

    /**
     * Sends the rows the notifications name, in id order, and answers whether a full look is needed instead (a
     * notification that could not list its rows).
     */
    private boolean relayNotified(PGNotification[] received) throws SQLException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (PGNotification notification : received) {
            if (!CHANNEL.equals(notification.getName())) {
                continue;
            }
            String payload = notification.getParameter();
            String list = payload.substring(payload.indexOf(':') + 1);
            if (list.equals("*")) {
                return true;
            }
            for (String text : list.split(",")) {
                long id = Long.parseLong(text);
                Row row = handedOver.remove(id);
                if (recentlySent.containsKey(id)) {
                    continue;
                }
                if (row != null) {
                    rows.add(row);
                } else {
                    unknown.add(id);
                }
            }
        }
        if (!unknown.isEmpty()) {
            try (PreparedStatement select = leadership.prepareStatement("SELECT " + COLUMNS
                    + " FROM outbox WHERE id = ANY (?) AND published_at IS NULL ORDER BY id")) {
                select.setArray(1, leadership.createArrayOf("bigint", unknown.toArray(Long[]::new)));
                rows.addAll(read(select));
            }
        }
        rows.sort(Comparator.comparingLong(Row::id));
        send(rows);
        return false;
    }

    /** Marks what was acknowledged and sends every unpublished row, a batch at a time (one statement per batch). */
    private void lookAtEverything() throws SQLException, InterruptedException {
        List<Row> rows;
        do {
            try (PreparedStatement select = leadership.prepareStatement("WITH marked AS (UPDATE outbox SET "
                    + "published_at = now() WHERE id = ANY (?)) SELECT " + COLUMNS + " FROM outbox "
                    + "WHERE published_at IS NULL AND id <> ALL (?) ORDER BY id LIMIT ?")) {
                java.sql.Array marks = leadership.createArrayOf("bigint", acknowledged.toArray(Long[]::new));
                select.setArray(1, marks);
                select.setArray(2, marks);
                select.setInt(3, properties.batchSize());
                rows = read(select);
            }
            acknowledged.clear();
            send(rows);
        } while (running && rows.size() == properties.batchSize());
        // rows handed over whose notification will never come here (written while another instance led)
        long stale = System.nanoTime() - 2 * properties.fallbackInterval().toNanos();
        handedOver.values().removeIf(row -> row.handedOverAt() - stale < 0);
    }

    private void markAcknowledged() throws SQLException {
        if (acknowledged.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = leadership.prepareStatement(
                "UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
            mark.setArray(1, leadership.createArrayOf("bigint", acknowledged.toArray(Long[]::new)));
            mark.executeUpdate();
        }
        acknowledged.clear();
    }

    private static List<Row> read(PreparedStatement select) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5), result.getTimestamp(6).toInstant(), result.getString(7),
                        result.getString(8), TraceHeaders.of(result.getString(9), result.getString(10))));
            }
        }
        return rows;
    }

    /** Sends the rows in order and waits until the broker acknowledged every one. */
    private void send(List<Row> rows) throws InterruptedException {
        if (rows.isEmpty()) {
            return;
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
        Instant now = Instant.now();
        for (Row row : rows) {
            lag.record(Duration.between(row.createdAt(), now).abs());
            recentlySent.put(row.id(), Boolean.TRUE);
            acknowledged.add(row.id());
        }
        published.increment(rows.size());
    }

    /**
     * Gives up leadership: marks what was acknowledged (when {@code cleanly}), stops listening, releases the lock and
     * returns the connection. A broken connection has lost the lock with its session already.
     */
    private void resign(boolean cleanly) {
        leading = false;
        handedOver.clear();
        Connection connection = leadership;
        if (connection == null) {
            acknowledged.clear();
            return;
        }
        try {
            if (cleanly) {
                markAcknowledged();
            }
            leadership = null;
            try (Statement release = connection.createStatement()) {
                release.execute("UNLISTEN *");
                release.execute("SELECT pg_advisory_unlock_all()");
            }
        } catch (SQLException | RuntimeException e) {
            // the session is likely gone, and the lock with it; make sure the pool does not keep it
            log.warn("Releasing the relay's connection failed ({}); closing it", e.toString());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException abortFailed) {
                log.debug("Aborting the relay's connection: {}", abortFailed.toString());
            }
        } finally {
            leadership = null;
            acknowledged.clear();
            recentlySent.clear();
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the relay's connection: {}", e.toString());
            }
        }
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** An outbox row as the relay sends it. */
    record Row(long id, String topic, String key, String payload, String correlationId, Instant createdAt,
               String eventId, String eventType, TraceHeaders trace, long handedOverAt) {

        Row(long id, String topic, String key, String payload, String correlationId, Instant createdAt,
            String eventId, String eventType, TraceHeaders trace) {
            this(id, topic, key, payload, correlationId, createdAt, eventId, eventType, trace, System.nanoTime());
        }

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
