package dev.helpdesk.pipeline.replay;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The replays of a service's projections (docs/replays.md): each rebuilds one {@link RebuildTarget} from the
 * beginning of its topics into a next generation while the served one keeps answering and the live consumer keeps
 * writing it, then switches in one transaction once the next generation holds exactly what the live consumer has
 * applied. One replay of a projection at a time across all instances ({@link ReplayLog}); progress in that table.
 */
public class ProjectionReplays implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);

    private final ReplayLog replays;
    private final Map<String, RebuildTarget> targets = new LinkedHashMap<>();
    private final Supplier<Map<String, Object>> kafka;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int maxPollRecords;
    private final Map<UUID, TopicRebuild> runningHere = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "projection-replay");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param kafka the consumer configuration of the service (bootstrap servers and security are taken from it)
     */
    public ProjectionReplays(ReplayLog replays, List<RebuildTarget> targets, Supplier<Map<String, Object>> kafka,
                             JdbcTemplate jdbc, TransactionTemplate transaction, int maxPollRecords) {
        this.replays = replays;
        targets.forEach(target -> this.targets.put(target.projection(), target));
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.maxPollRecords = maxPollRecords;
    }

    public Set<String> projections() {
        return targets.keySet();
    }

    /**
     * Starts a replay of a known projection ({@link #projections}); a {@link ReplayRunningException} naming the
     * running one while one of the projection runs on any instance.
     */
    public ReplayProgress start(String projection, String requestedBy) {
        RebuildTarget target = targets.get(projection);
        if (target == null) {
            throw new IllegalArgumentException("unknown projection; known: " + projections());
        }
        UUID id = UUID.randomUUID();
        Optional<UUID> running = replays.claim(id, projection, requestedBy);
        if (running.isPresent()) {
            throw new ReplayRunningException(running.get());
        }
        TopicRebuild rebuild = new TopicRebuild(id, target, replays, this::consumer, this::admin, jdbc, transaction);
        runningHere.put(id, rebuild);
        runner.submit(() -> {
            try {
                rebuild.run();
            } finally {
                runningHere.remove(id);
            }
        });
        return progress(id).orElseThrow();
    }

    public Optional<ReplayProgress> progress(UUID id) {
        return replays.find(id).map(ReplayProgress::of);
    }

    /**
     * Cancels a running replay: it stops after its current batch, drops what it built, and the served generation
     * stays as it is. Empty when there is no such replay; {@link IllegalStateException} when it is not running.
     */
    public Optional<ReplayProgress> cancel(UUID id) {
        if (replays.find(id).isEmpty()) {
            return Optional.empty();
        }
        if (!replays.cancel(id)) {
            throw new IllegalStateException("The replay is not running.");
        }
        return progress(id);
    }

    /** A replay of this instance does not survive it: it is failed now rather than abandoned later. */
    @Override
    public void close() {
        runner.shutdownNow();
        runningHere.keySet().forEach(id -> {
            try {
                replays.failed(id, "its instance stopped");
            } catch (RuntimeException e) {
                log.warn("Could not mark replay {} failed on shutdown: {}", id, e.toString());
            }
        });
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>(kafka.get());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "replay-" + UUID.randomUUID());
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private Admin admin() {
        Map<String, Object> config = new HashMap<>();
        kafka.get().forEach((key, value) -> {
            if (key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.")
                    || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                config.put(key, value);
            }
        });
        return Admin.create(config);
    }
}
