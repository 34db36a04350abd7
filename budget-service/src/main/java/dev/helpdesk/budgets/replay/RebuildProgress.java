package dev.helpdesk.budgets.replay;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Counts what a rebuild has read and reports it to the {@code replay} table and the rebuild gauges. */
final class RebuildProgress {

    private final UUID id;
    private final ReplayRecords records;
    private final RebuildMeters meters;
    private final long startedNanos = System.nanoTime();
    private long eventsRead;
    private long skipped;
    private long lastReportNanos;
    private Map<String, Long> target = Map.of();

    RebuildProgress(UUID id, ReplayRecords records, RebuildMeters meters) {
        this.id = id;
        this.records = records;
        this.meters = meters;
    }

    UUID id() {
        return id;
    }

    void readOne() {
        eventsRead++;
        meters.read(eventsRead);
    }

    /** A record read (counted by {@link #readOne}) that was set aside. */
    void skippedOne() {
        skipped++;
    }

    long eventsRead() {
        return eventsRead;
    }

    long skipped() {
        return skipped;
    }

    void target(Map<TopicPartition, Long> offsets) {
        Map<String, Long> byPartition = new TreeMap<>();
        offsets.forEach((tp, offset) -> byPartition.put(String.valueOf(tp.partition()), offset));
        target = byPartition;
    }

    boolean dueForReport(long everyMillis) {
        return (System.nanoTime() - lastReportNanos) / 1_000_000 >= everyMillis;
    }

    /** Reports progress; {@link RebuildCancelledException} when the rebuild was cancelled meanwhile. */
    void report(String state, KafkaConsumer<String, String> consumer) {
        lastReportNanos = System.nanoTime();
        if (!records.progressed(id, state, eventsRead, positions(consumer), target, rate())) {
            throw new RebuildCancelledException();
        }
    }

    void completed(KafkaConsumer<String, String> consumer, Map<String, Object> result) {
        // the final figures while the row is still SWITCHING (locked by the switch), then the end
        records.progressed(id, "SWITCHING", eventsRead, positions(consumer), target, rate());
        records.finished(id, "COMPLETED", result, null);
    }

    void failed(String error) {
        records.finished(id, "FAILED", null, error);
    }

    private Map<String, Long> positions(KafkaConsumer<String, String> consumer) {
        Map<String, Long> positions = new TreeMap<>();
        consumer.assignment().forEach(tp -> positions.put(String.valueOf(tp.partition()), consumer.position(tp)));
        return positions;
    }

    private BigDecimal rate() {
        double seconds = Math.max((System.nanoTime() - startedNanos) / 1e9, 0.001);
        return BigDecimal.valueOf(eventsRead / seconds).setScale(1, RoundingMode.HALF_UP);
    }
}
