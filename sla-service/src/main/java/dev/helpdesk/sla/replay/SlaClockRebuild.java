package dev.helpdesk.sla.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.replay.GenerationRebuild;
import dev.helpdesk.pipeline.replay.GenerationSchemas;
import dev.helpdesk.sla.ingest.TicketEventHandler;
import dev.helpdesk.sla.ticket.ClockExemptions;
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
public class SlaClockRebuild extends GenerationRebuild {

    static final String PROJECTION = "sla-clocks";
    /** The generation's tables, in the order they are created and moved (clock refers to ticket). */
    static final List<String> TABLES = List.of("ticket", "clock", "clock_segment");
    /** Copied into a generation for the replay to read and write, never served. */
    private static final List<String> COPIED = List.of("organization");
    private static final String SCHEMA_PREFIX = "sla_rebuild_";
    private static final Logger log = LoggerFactory.getLogger(SlaClockRebuild.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TicketEventHandler handler;
    private final SilentTimers timers;
    private final ClockExemptions exemptions;
    private final String topic;

    public SlaClockRebuild(JdbcTemplate jdbc, ObjectMapper json, TicketEventHandler handler, SilentTimers timers,
                           ClockExemptions exemptions, PlatformTransactionManager transactions,
                           @Value("${helpdesk.topics.tickets}") String topic,
                           @Value("${helpdesk.sla.consumer-group}") String group) {
        super(jdbc, transactions, PROJECTION, group, SCHEMA_PREFIX, TABLES, COPIED);
        this.jdbc = jdbc;
        this.json = json;
        this.handler = handler;
        this.timers = timers;
        this.exemptions = exemptions;
        this.topic = topic;
    }

    @Override
    public List<String> topics() {
        return List.of(topic);
    }

    @Override
    protected InboundEvent read(ConsumerRecord<String, String> record) {
        String type = ReceivedEvents.peekType(json, record.value());
        if (type != null && !handler.handles(type)) {
            return null; // a type the clocks ignore: no tree, no binding
        }
        ReceivedEvent envelope = ReceivedEvents.read(json, record.value());
        if (!handler.handles(envelope.type())) {
            return null;
        }
        return new InboundEvent(envelope, handler.decode(envelope), record.topic(), record.partition(), record.offset());
    }

    /** With the live path's own code: no second copy of the clock rules. */
    @Override
    protected void applyAll(List<InboundEvent> events, String servedSchema) {
        handler.apply(new InboundBatch(events, Map.of()));
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
        for (String ticketId : jdbc.queryForList("SELECT ticket_id::text FROM " + generations().served()
                + ".ticket WHERE ticket_id::text = ANY (?)", String.class, (Object) openings.keySet().toArray(String[]::new))) {
            applied.add(openings.get(ticketId));
        }
        return applied;
    }

    @Override
    public void switchOver(String generation) {
        GenerationSchemas generations = generations();
        java.time.Instant watermark = timers.watermark(generations.served());
        // exemptions are this service's own commands: those after their ticket's last event are applied here
        int exempted = generations.inGeneration(generation, () -> exemptions.reapplyAll());
        int fired = generations.inGeneration(generation, () -> timers.fireBefore(watermark));
        log.info("SLA clocks: {} exemptions applied after their tickets' last events", exempted);
        serve(generation);
        log.info("SLA clocks: new generation served; {} clocks caught up with the live timers (before {})", fired,
                watermark);
    }
}
