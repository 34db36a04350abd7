package dev.helpdesk.pipeline.replay;

import dev.helpdesk.pipeline.inbound.Failures;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.inbound.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps every {@link RebuildTarget} built in a schema of its own ({@link GenerationSchemas}) shares: the
 * generation holds tables shaped like the served ones, copies of the tables the replay reads, and an empty
 * {@code processed_event} that drops repeated deliveries; each poll's records are read into events and applied with
 * the generation first on the search path, once each, in a savepoint, one by one when the batch is refused; the
 * switch serves the generation's tables. A service's subclass keeps its own: which records it reads, how it applies
 * them and what its switch does before the tables are served.
 */
public abstract class GenerationRebuild implements RebuildTarget {

    private static final List<String> PRIVATE = List.of("processed_event");
    private static final Logger log = LoggerFactory.getLogger(GenerationRebuild.class);

    private final String projection;
    private final String liveConsumerGroup;
    private final List<String> served;
    private final List<String> copied;
    private final GenerationSchemas generations;
    private final ProcessedEvents processed;
    private final TransactionTemplate savepoint;

    /**
     * @param schemaPrefix the generations' schema prefix ({@link GenerationSchemas})
     * @param served       the tables a generation serves, referenced ones first (the order they are created and moved)
     * @param copied       tables copied into a generation for the replay to read and write, never served
     */
    protected GenerationRebuild(JdbcTemplate jdbc, PlatformTransactionManager transactions, String projection,
                                String liveConsumerGroup, String schemaPrefix, List<String> served,
                                List<String> copied) {
        this.projection = projection;
        this.liveConsumerGroup = liveConsumerGroup;
        this.served = List.copyOf(served);
        this.copied = List.copyOf(copied);
        this.generations = new GenerationSchemas(jdbc, schemaPrefix);
        this.processed = new ProcessedEvents(jdbc);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * The event of a record, or null when the projection applies none of its type; throws when the record cannot
     * be read (it is skipped and counted).
     */
    protected abstract InboundEvent read(ConsumerRecord<String, String> record);

    /**
     * Applies events not applied before, in order, with the generation first on the search path.
     *
     * @param servedSchema the served generation's schema, for what the live path holds
     */
    protected abstract void applyAll(List<InboundEvent> events, String servedSchema);

    protected final GenerationSchemas generations() {
        return generations;
    }

    @Override
    public final String projection() {
        return projection;
    }

    @Override
    public final String liveConsumerGroup() {
        return liveConsumerGroup;
    }

    @Override
    public void prepare(String generation) {
        List<String> all = new ArrayList<>(served);
        all.addAll(copied);
        all.addAll(PRIVATE);
        generations.create(generation, all, copied);
    }

    @Override
    public int apply(String generation, List<ConsumerRecord<String, String>> records) {
        String servedSchema = generations.served();
        return generations.inGeneration(generation, () -> {
            List<InboundEvent> events = new ArrayList<>();
            int skipped = 0;
            for (ConsumerRecord<String, String> record : records) {
                try {
                    InboundEvent event = read(record);
                    if (event != null) {
                        events.add(event);
                    }
                } catch (RuntimeException unreadable) {
                    skipped++; // the live consumer has set it aside as a dead letter (or it was never published so)
                }
            }
            return skipped + applyNew(events, servedSchema);
        });
    }

    /** Applies the events not applied before (at least once delivery), as the live pipeline does; answers refusals. */
    private int applyNew(List<InboundEvent> events, String servedSchema) {
        if (events.isEmpty()) {
            return 0;
        }
        Set<String> firstSeen = processed.recordFirstSeen(events.stream().map(InboundEvent::id).toList());
        Set<String> taken = new HashSet<>();
        List<InboundEvent> fresh = events.stream()
                .filter(event -> firstSeen.contains(event.id()) && taken.add(event.id())).toList();
        try {
            savepoint.executeWithoutResult(status -> applyAll(fresh, servedSchema));
            return 0;
        } catch (RuntimeException failure) {
            if (Failures.isTransient(failure)) {
                throw failure;
            }
            int refused = 0;
            for (InboundEvent event : fresh) {
                try {
                    savepoint.executeWithoutResult(status -> applyAll(List.of(event), servedSchema));
                } catch (RuntimeException refusal) {
                    if (Failures.isTransient(refusal)) {
                        throw refusal;
                    }
                    log.info("Replay: event {} ({}) not applied: {}", event.id(), event.type(),
                            Failures.describe(refusal));
                    refused++;
                }
            }
            return refused;
        }
    }

    @Override
    public void lockServed(Duration timeout) {
        generations.lockServed(served, timeout);
    }

    /** Serves the generation's tables in place of the served ones and drops its schema (last step of a switch). */
    protected final void serve(String generation) {
        generations.serve(generation, served);
    }

    @Override
    public void discard(String generation) {
        generations.discard(generation);
    }
}
