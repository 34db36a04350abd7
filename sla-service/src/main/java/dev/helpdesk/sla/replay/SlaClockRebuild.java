package dev.helpdesk.sla.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.pipeline.inbound.Failures;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.inbound.ProcessedEvents;
import dev.helpdesk.pipeline.replay.GenerationSchemas;
import dev.helpdesk.pipeline.replay.RebuildTarget;
import dev.helpdesk.sla.ingest.TicketEventHandler;
import dev.helpdesk.sla.ticket.ClockExemptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code sla-clocks} projection rebuilt from helpdesk.tickets.v1 (docs/replays.md). A next generation is a schema
 * of its own holding tables shaped like the served {@code ticket}, {@code clock} and {@code clock_segment}, plus a
 * copy of {@code organization} and an empty {@code processed_event} that only the replay reads. The replay applies the
 * history with the live path's own code ({@link TicketEventHandler}) with that schema first on the search path, in
 * transactions marked as a rebuild's: nothing goes to the outbox and nothing runs after commit. The switch fires,
 * without publishing, the thresholds the live timers have fired already ({@link SilentTimers}), then moves the new
 * tables into the served schema in place of the old ones, which are dropped.
 */
@Component
public class SlaClockRebuild implements RebuildTarget {

    static final String PROJECTION = "sla-clocks";
    /** The generation's tables, in the order they are created and moved (clock refers to ticket). */
    static final List<String> TABLES = List.of("ticket", "clock", "clock_segment");
    /** Copied into a generation for the replay to read and write, never served. */
    private static final List<String> COPIED = List.of("organization");
    private static final List<String> PRIVATE = List.of("processed_event");
    private static final String SCHEMA_PREFIX = "sla_rebuild_";
    private static final Logger log = LoggerFactory.getLogger(SlaClockRebuild.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TicketEventHandler handler;
    private final ProcessedEvents processed;
    private final SilentTimers timers;
    private final ClockExemptions exemptions;
    private final TransactionTemplate savepoint;
    private final String topic;
    private final String group;
    private final GenerationSchemas generations;

    public SlaClockRebuild(JdbcTemplate jdbc, ObjectMapper json, TicketEventHandler handler, ProcessedEvents processed,
                           SilentTimers timers, ClockExemptions exemptions, PlatformTransactionManager transactions,
                           @Value("${helpdesk.topics.tickets}") String topic,
                           @Value("${helpdesk.sla.consumer-group}") String group) {
        this.jdbc = jdbc;
        this.json = json;
        this.handler = handler;
        this.processed = processed;
        this.timers = timers;
        this.exemptions = exemptions;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.topic = topic;
        this.group = group;
        this.generations = new GenerationSchemas(jdbc, SCHEMA_PREFIX);
    }

    @Override
    public String projection() {
        return PROJECTION;
    }

    @Override
    public List<String> topics() {
        return List.of(topic);
    }

    @Override
    public String liveConsumerGroup() {
        return group;
    }

    @Override
    public void prepare(String generation) {
        generations.create(generation, concat(TABLES, COPIED, PRIVATE), COPIED);
    }

    @Override
    public int apply(String generation, List<ConsumerRecord<String, String>> records) {
        return generations.inGeneration(generation, () -> {
            List<InboundEvent> events = new ArrayList<>();
            int skipped = 0;
            for (ConsumerRecord<String, String> record : records) {
                try {
                    String type = ReceivedEvents.peekType(json, record.value());
                    if (type != null && !handler.handles(type)) {
                        continue; // a type the clocks ignore: no tree, no binding
                    }
                    ReceivedEvent envelope = ReceivedEvents.read(json, record.value());
                    if (handler.handles(envelope.type())) {
                        events.add(new InboundEvent(envelope, handler.decode(envelope), record.topic(),
                                record.partition(), record.offset()));
                    }
                } catch (RuntimeException unreadable) {
                    skipped++; // the live consumer has set it aside as a dead letter
                }
            }
            return skipped + applyNew(events);
        });
    }

    /** Applies the events not applied before (at least once delivery), as the live pipeline does; answers refusals. */
    private int applyNew(List<InboundEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Set<String> firstSeen = processed.recordFirstSeen(events.stream().map(InboundEvent::id).toList());
        Set<String> taken = new HashSet<>();
        List<InboundEvent> fresh = events.stream()
                .filter(event -> firstSeen.contains(event.id()) && taken.add(event.id())).toList();
        try {
            savepoint.executeWithoutResult(status -> handler.apply(new InboundBatch(fresh, Map.of())));
            return 0;
        } catch (RuntimeException failure) {
            if (Failures.isTransient(failure)) {
                throw failure;
            }
            int refused = 0;
            for (InboundEvent event : fresh) {
                try {
                    savepoint.executeWithoutResult(status -> handler.apply(new InboundBatch(List.of(event), Map.of())));
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

    /**
     * Ticket openings are applied idempotently by the live path (no processed_event row): one was applied when the
     * served generation holds its ticket.
     */
    @Override
    public Set<String> appliedWithoutRecord(List<ConsumerRecord<String, String>> records) {
        Map<String, String> openings = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                String type = ReceivedEvents.peekType(json, record.value());
                if (type != null && !(handler.handles(type) && handler.idempotent(type))) {
                    continue;
                }
                ReceivedEvent envelope = ReceivedEvents.read(json, record.value());
                if (handler.handles(envelope.type()) && handler.idempotent(envelope.type())
                        && envelope.subject() != null) {
                    openings.put(envelope.subject(), envelope.id());
                }
            } catch (RuntimeException unreadable) {
                // never applied by the live path either (a dead letter)
            }
        }
        if (openings.isEmpty()) {
            return Set.of();
        }
        Set<String> applied = new HashSet<>();
        for (String ticketId : jdbc.queryForList("SELECT ticket_id::text FROM " + generations.served()
                + ".ticket WHERE ticket_id::text = ANY (?)", String.class, (Object) openings.keySet().toArray(String[]::new))) {
            applied.add(openings.get(ticketId));
        }
        return applied;
    }

    @Override
    public void lockServed(Duration timeout) {
        generations.lockServed(TABLES, timeout);
    }

    @Override
    public void switchOver(String generation) {
        java.time.Instant watermark = timers.watermark(generations.served());
        // exemptions are this service's own commands: those after their ticket's last event are applied here
        int exempted = generations.inGeneration(generation, () -> exemptions.reapplyAll());
        int fired = generations.inGeneration(generation, () -> timers.fireBefore(watermark));
        log.info("SLA clocks: {} exemptions applied after their tickets' last events", exempted);
        generations.serve(generation, TABLES);
        log.info("SLA clocks: new generation served; {} clocks caught up with the live timers (before {})", fired,
                watermark);
    }

    @Override
    public void discard(String generation) {
        generations.discard(generation);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
