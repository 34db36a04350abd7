package dev.helpdesk.budgets.replay;

import dev.helpdesk.budgets.projection.IncomingEvent;
import dev.helpdesk.budgets.projection.MalformedEventException;
import dev.helpdesk.budgets.projection.TicketEventReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads a rebuild's record values into events on a thread of its own, one chunk ahead of the rebuild thread that
 * applies them. Profiled, the rebuild took turns between decoding JSON and waiting for PostgreSQL to write; this
 * way the two overlap. Chunks are handed over in record order, so events are applied in the order read.
 */
final class ReadAhead implements AutoCloseable {

    /** One record read: its event (empty for a type the budget skips), or malformed. */
    record Read(Optional<IncomingEvent> event, boolean malformed) {
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

    /** Hands the reads of each chunk of values, in order, to {@code apply} while the next chunk is being read. */
    void forEachChunk(List<String> values, Consumer<List<Read>> apply) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += chunkSize) {
            chunks.add(values.subList(from, Math.min(values.size(), from + chunkSize)));
        }
        Future<List<Read>> next = chunks.isEmpty() ? null : readLater(chunks.get(0));
        for (int i = 0; i < chunks.size(); i++) {
            List<Read> reads = join(next);
            next = i + 1 < chunks.size() ? readLater(chunks.get(i + 1)) : null;
            apply.accept(reads);
        }
    }

    private Future<List<Read>> readLater(List<String> chunk) {
        return thread.submit(() -> readAll(chunk));
    }

    private List<Read> readAll(List<String> chunk) {
        List<Read> reads = new ArrayList<>(chunk.size());
        for (String value : chunk) {
            try {
                reads.add(new Read(reader.read(value), false));
            } catch (MalformedEventException e) {
                reads.add(new Read(Optional.empty(), true));
            }
        }
        return reads;
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
