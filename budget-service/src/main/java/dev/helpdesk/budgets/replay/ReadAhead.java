package dev.helpdesk.budgets.replay;

import dev.helpdesk.budgets.projection.IncomingEvent;
import dev.helpdesk.budgets.projection.TicketEventReader;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.pipeline.inbound.Failures;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads a rebuild's records into events on a thread of its own, one chunk ahead of the rebuild thread that applies
 * them. Profiled, the rebuild took turns between decoding JSON and waiting for PostgreSQL to write; this way the two
 * overlap. Chunks are handed over in record order, so events are applied in the order read.
 */
final class ReadAhead implements AutoCloseable {

    /**
     * One record read: its event (null for a type the budget skips or for an unreadable record), or why it cannot be
     * read (null when it could).
     */
    record Read(ConsumerRecord<String, String> record, IncomingEvent event, String unreadable) {

        static Read of(ConsumerRecord<String, String> record, TicketEventReader reader) {
            try {
                return new Read(record, reader.read(record.value()).orElse(null), null);
            } catch (UnreadableEventException e) {
                return new Read(record, null, e.getMessage());
            } catch (RuntimeException e) {
                return new Read(record, null, "cannot be decoded: " + Failures.describe(e));
            }
        }
    }

    private final TicketEventReader reader;
    private final int chunkSize;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread reading = new Thread(r, "budget-rebuild-read");
        reading.setDaemon(true);
        return reading;
    });

    ReadAhead(TicketEventReader reader, int chunkSize) {
        this.reader = reader;
        this.chunkSize = chunkSize;
    }

    /** Hands the reads of each chunk of records, in order, to {@code apply} while the next chunk is being read. */
    void forEachChunk(List<ConsumerRecord<String, String>> records, Consumer<List<Read>> apply) {
        List<List<ConsumerRecord<String, String>>> chunks = new ArrayList<>();
        for (int from = 0; from < records.size(); from += chunkSize) {
            chunks.add(records.subList(from, Math.min(records.size(), from + chunkSize)));
        }
        Future<List<Read>> next = chunks.isEmpty() ? null : readLater(chunks.get(0));
        for (int i = 0; i < chunks.size(); i++) {
            List<Read> reads = join(next);
            next = i + 1 < chunks.size() ? readLater(chunks.get(i + 1)) : null;
            apply.accept(reads);
        }
    }

    private Future<List<Read>> readLater(List<ConsumerRecord<String, String>> chunk) {
        return thread.submit(() -> chunk.stream().map(record -> Read.of(record, reader)).toList());
    }

    private static List<Read> join(Future<List<Read>> reads) {
        try {
            return reads.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
