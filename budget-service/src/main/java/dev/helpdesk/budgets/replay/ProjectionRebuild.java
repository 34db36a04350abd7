package dev.helpdesk.budgets.replay;

import dev.helpdesk.budgets.config.BudgetProperties;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.budgets.config.TopicNames;
import dev.helpdesk.budgets.projection.ConsumerPositions;
import dev.helpdesk.budgets.projection.Generations;
import dev.helpdesk.budgets.projection.IncomingEvent;
import dev.helpdesk.budgets.projection.ProjectionWriter;
import dev.helpdesk.budgets.projection.TicketEventReader;
import dev.helpdesk.pipeline.inbound.DeadLetter;
import dev.helpdesk.pipeline.inbound.DeadLetters;
import dev.helpdesk.pipeline.inbound.Failures;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds the budget projection from the beginning of the ticket topic into a fresh generation, with its own
 * consumer (all partitions assigned, no consumer group), while the active generation keeps being served and
 * written by the live listener. Once caught up to the topic's end it locks the generation against live writes,
 * reads up to exactly where the live consumer has applied, and switches in the same transaction. It never raises
 * thresholds: those are history, kept outside the generations.
 */
@Component
public class ProjectionRebuild implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(60);
    private static final long REPORT_EVERY_MILLIS = 250;
    private static final int READ_AHEAD_CHUNK = 500;

    private final ConsumerFactory<String, String> consumers;
    private final ProjectionWriter writer;
    private final Generations generations;
    private final ConsumerPositions positions;
    private final DeadLetters deadLetters;
    private final ReplayRecords records;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final TopicNames topics;
    private final BudgetProperties properties;
    private final RebuildMeters meters;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "budget-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ReadAhead readAhead;

    public ProjectionRebuild(ConsumerFactory<String, String> consumers, TicketEventReader reader, ProjectionWriter writer,
                             Generations generations, ConsumerPositions positions, DeadLetters deadLetters,
                             ReplayRecords records, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                             TopicNames topics, BudgetProperties properties, RebuildMeters meters) {
        this.consumers = consumers;
        this.writer = writer;
        this.generations = generations;
        this.positions = positions;
        this.deadLetters = deadLetters;
        this.records = records;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.topics = topics;
        this.properties = properties;
        this.meters = meters;
        this.readAhead = new ReadAhead(reader, READ_AHEAD_CHUNK);
    }

    /**
     * Starts a rebuild and answers its id; with an idempotency key already used by the same user in the last 24
     * hours, answers that rebuild's id and starts nothing.
     */
    public UUID start(String requestedBy, String idempotencyKey) {
        UUID id = UUID.randomUUID();
        Optional<UUID> earlier = transaction.execute(status -> {
            jdbc.execute("lock table replay in exclusive mode");
            if (idempotencyKey != null) {
                records.forgetOldKeys();
                Optional<UUID> same = records.startedWith(idempotencyKey, requestedBy);
                if (same.isPresent()) {
                    return same;
                }
            }
            Optional<UUID> running = records.running();
            if (running.isPresent()) {
                throw ProblemException.replayRunning("/api/admin/budgets/replays", running.get());
            }
            records.started(id, requestedBy, generations.next(), idempotencyKey);
            return Optional.<UUID>empty();
        });
        if (earlier.isPresent()) {
            return earlier.get();
        }
        int generation = jdbc.queryForObject("select generation from replay where id = ?", Integer.class, id);
        runner.submit(() -> run(id, generation));
        return id;
    }

    private void run(UUID id, int generation) {
        RebuildProgress progress = new RebuildProgress(id, records, meters);
        meters.started();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            var partitions = consumer.partitionsFor(topics.tickets()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (int round = 0; round < 2; round++) {
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                progress.target(end);
                while (!reached(consumer, end)) {
                    transaction.executeWithoutResult(status -> pollAndApply(consumer, generation, progress));
                }
            }
            int previous = transaction.execute(status -> switchOver(consumer, generation, progress));
            transaction.executeWithoutResult(status -> generations.discard(previous));
            log.info("Budget projection rebuilt into generation {} from {} events", generation, progress.eventsRead());
        } catch (RebuildCancelledException cancelled) {
            log.info("Budget projection rebuild {} cancelled after {} events; generation {} dropped", id,
                    progress.eventsRead(), generation);
            transaction.executeWithoutResult(status -> generations.discard(generation));
        } catch (Exception e) {
            log.error("Budget projection rebuild {} failed", id, e);
            progress.failed("Rebuild failed: " + e.getClass().getSimpleName());
            transaction.executeWithoutResult(status -> generations.discard(generation));
        } finally {
            meters.stopped();
        }
    }

    /**
     * Switches to the new generation once it holds exactly what the active one holds. The live consumer writes its
     * position ({@code consumer_position}) in the transaction of what it applied, under the generation's share lock,
     * so with the exclusive lock held the positions read here match the active generation. They may lag behind
     * the records the live consumer has read: a poll with nothing to apply (types the budget skips, records set
     * aside) writes no position. Those records changed nothing in the active generation, so reading up to the
     * earlier position gives the same figures as reading up to the later one; and records past a position that the
     * rebuild has already read are repeats the live consumer drops per generation after the switch.
     */
    private int switchOver(KafkaConsumer<String, String> consumer, int generation, RebuildProgress progress) {
        // the rebuild's row first: a cancel from now on waits for this transaction, then finds it completed
        if (!records.lockRunning(progress.id())) {
            throw new RebuildCancelledException();
        }
        int previous = generations.activeForSwitching();
        progress.report("SWITCHING", consumer);
        Map<TopicPartition, Long> live = positions.of(topics.tickets());
        progress.target(live);
        long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
        while (!reached(consumer, live)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not reach the live consumer's position in time");
            }
            pollAndApply(consumer, generation, progress);
        }
        generations.activate(generation);
        progress.completed(consumer, Map.of("generation", generation, "previousGeneration", previous,
                "organizations", jdbc.queryForObject("select count(*) from organization_budget where generation = ?",
                        Long.class, generation),
                "skippedRecords", progress.skipped()));
        return previous;
    }

    /**
     * Applies one poll in order, chunk by chunk as {@link ReadAhead} reads them: each chunk's events together
     * ({@link ProjectionWriter#applyAll}) in one savepoint. Should PostgreSQL or a rule refuse one of them, the chunk
     * is applied again one event per savepoint and the refused ones are set aside. Records that cannot be read are
     * set aside too (the live consumer has set aside the same records; a dead letter is kept once per offset).
     */
    private void pollAndApply(KafkaConsumer<String, String> consumer, int generation, RebuildProgress progress) {
        List<ConsumerRecord<String, String>> polled = new ArrayList<>();
        consumer.poll(POLL).forEach(polled::add);
        List<DeadLetter> letters = new ArrayList<>();
        readAhead.forEachChunk(polled, reads -> {
            List<ReadAhead.Read> applicable = new ArrayList<>(reads.size());
            for (ReadAhead.Read read : reads) {
                progress.readOne();
                if (read.unreadable() != null) {
                    letters.add(DeadLetter.of(read.record(), null, null, read.unreadable(), 1));
                    progress.skippedOne();
                } else if (read.event() != null) {
                    applicable.add(read);
                }
            }
            applyChunk(generation, applicable, letters, progress);
        });
        deadLetters.store(letters);
        if (progress.dueForReport(REPORT_EVERY_MILLIS)) {
            progress.report("RUNNING", consumer);
        }
    }

    private void applyChunk(int generation, List<ReadAhead.Read> reads, List<DeadLetter> letters,
                            RebuildProgress progress) {
        if (reads.isEmpty()) {
            return;
        }
        List<IncomingEvent> events = reads.stream().map(ReadAhead.Read::event).toList();
        try {
            savepoint.executeWithoutResult(status -> writer.applyAll(generation, events, false));
        } catch (RuntimeException failure) {
            if (Failures.isTransient(failure)) {
                throw failure;
            }
            reads.forEach(read -> applyOrSetAside(generation, read, letters, progress));
        }
    }

    private void applyOrSetAside(int generation, ReadAhead.Read read, List<DeadLetter> letters,
                                 RebuildProgress progress) {
        try {
            savepoint.executeWithoutResult(status -> writer.apply(generation, read.event()));
        } catch (RuntimeException refused) {
            if (Failures.isTransient(refused)) {
                throw refused;
            }
            letters.add(DeadLetter.of(read.record(), read.event().id(), read.event().type(),
                    Failures.describe(refused), 1));
            progress.skippedOne();
        }
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> target) {
        return target.entrySet().stream().allMatch(t -> consumer.position(t.getKey()) >= t.getValue());
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.replayMaxPollRecords());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "budget-rebuild-" + UUID.randomUUID());
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public void close() {
        runner.shutdownNow();
        readAhead.close();
    }
}
