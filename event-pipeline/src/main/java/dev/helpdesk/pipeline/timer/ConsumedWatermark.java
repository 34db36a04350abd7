package dev.helpdesk.pipeline.timer;

import dev.helpdesk.pipeline.health.KafkaProbe;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The instant up to which a consumer group has applied everything published on its topics: its <b>watermark</b>.
 * A timer that fires on the facts a consumer has built (an SLA clock's breach) must not fire at a deadline while
 * records published before that deadline are still waiting to be consumed: one of them may stop the clock (the
 * agent's reply at 10:58 for a deadline at 11:00). After a backlog (a restart, a deploy, a broker outage, a burst)
 * the timer would otherwise fire first and the reply would come too late to count.
 *
 * <p>How it is known, from offsets only (no clocks of other machines, no ordering assumptions): every look (at most
 * one per {@code refresh}) reads the group's committed offsets and the topics' end offsets and remembers the end
 * offsets with the instant they were read. The watermark is the latest remembered instant whose end offsets the
 * group has now committed on every partition: everything published before it has been applied. It never moves back.
 * It is unknown until the first successful look (a timer waits), and stays where it was while the broker cannot be
 * asked (timers due meanwhile wait until the records can be read again). Ends remembered longer than {@code history}
 * ago are forgotten: after a backlog older than that the watermark jumps to the first look that finds it consumed.
 */
public class ConsumedWatermark {

    private static final Logger log = LoggerFactory.getLogger(ConsumedWatermark.class);
    private static final int MAX_REMEMBERED = 512;

    private record Ends(Instant at, long readNanos, Map<TopicPartition, Long> offsets) {
    }

    /** Reads a group's committed offsets and its topics' end offsets ({@link KafkaProbe#offsets}). */
    @FunctionalInterface
    public interface OffsetsSource {
        KafkaProbe.GroupOffsets read() throws Exception;
    }

    private final OffsetsSource source;
    private final String group;
    private final Clock clock;
    private final long refreshNanos;
    private final long historyNanos;
    private final Deque<Ends> remembered = new ArrayDeque<>();
    private Instant watermark;
    private long lookedAtNanos;
    private boolean failing;

    public ConsumedWatermark(KafkaProbe probe, String group, Set<String> topics, Clock clock, Duration refresh,
                             Duration history) {
        this(() -> probe.offsets(group, Set.copyOf(topics)), group, clock, refresh, history);
    }

    public ConsumedWatermark(OffsetsSource source, String group, Clock clock, Duration refresh, Duration history) {
        this.source = source;
        this.group = group;
        this.clock = clock;
        this.refreshNanos = refresh.toNanos();
        this.historyNanos = history.toNanos();
    }

    /** The watermark, looked up again when the last look is older than {@code refresh}; empty until first known. */
    public synchronized Optional<Instant> current() {
        long nowNanos = System.nanoTime();
        if (watermark == null || nowNanos - lookedAtNanos >= refreshNanos) {
            lookedAtNanos = nowNanos;
            look(nowNanos);
        }
        return Optional.ofNullable(watermark);
    }

    /** The watermark after a look made now, whenever the last one was (for timers due that the last look held back). */
    public synchronized Optional<Instant> refresh() {
        lookedAtNanos = System.nanoTime();
        look(lookedAtNanos);
        return Optional.ofNullable(watermark);
    }

    private void look(long nowNanos) {
        Instant at = clock.instant();
        KafkaProbe.GroupOffsets offsets;
        try {
            offsets = source.read();
        } catch (Exception e) {
            if (!failing) {
                log.warn("Cannot read the offsets of {} (broker unreachable?): timers stay at the watermark {} until it "
                        + "can: {}", group, watermark, e.toString());
                failing = true;
            }
            return;
        }
        if (failing) {
            log.info("The offsets of {} can be read again", group);
            failing = false;
        }
        remembered.addFirst(new Ends(at, nowNanos, offsets.ends()));
        while (remembered.size() > MAX_REMEMBERED || nowNanos - remembered.peekLast().readNanos() > historyNanos) {
            remembered.removeLast();
        }
        Iterator<Ends> newestFirst = remembered.iterator();
        while (newestFirst.hasNext()) {
            Ends ends = newestFirst.next();
            if (consumed(ends.offsets(), offsets.committed())) {
                if (watermark == null || ends.at().isAfter(watermark)) {
                    watermark = ends.at();
                }
                // older ends are consumed too and older than the watermark: no use any more
                while (remembered.peekLast() != ends) {
                    remembered.removeLast();
                }
                return;
            }
        }
    }

    private static boolean consumed(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (committed.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
