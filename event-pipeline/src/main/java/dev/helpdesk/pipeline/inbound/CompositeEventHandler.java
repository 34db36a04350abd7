package dev.helpdesk.pipeline.inbound;

import dev.helpdesk.events.ReceivedEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several handlers of one topic read by one listener: each event goes to every handler that handles its type, bound
 * by that handler, and all of them apply in the pipeline's one transaction per poll, in the order given. The first
 * handler is the service's own and decides de-duplication ({@link #deduplicates()}); the others must be idempotent
 * by themselves (answer false). A handler that de-duplicates is called only with events; one that does not is
 * called for every poll (with the poll's offsets), as the pipeline would call it alone.
 */
public final class CompositeEventHandler implements EventHandler {

    private final List<EventHandler> handlers;

    public CompositeEventHandler(EventHandler primary, EventHandler... others) {
        List<EventHandler> all = new ArrayList<>();
        all.add(primary);
        all.addAll(Arrays.asList(others));
        for (EventHandler other : others) {
            if (other.deduplicates()) {
                throw new IllegalArgumentException("a composed handler must be idempotent by itself: " + other);
            }
        }
        this.handlers = List.copyOf(all);
    }

    @Override
    public boolean handles(String type) {
        return handlers.stream().anyMatch(handler -> handler.handles(type));
    }

    @Override
    public Object decode(ReceivedEvent event) {
        Object[] data = new Object[handlers.size()];
        for (int i = 0; i < data.length; i++) {
            if (handlers.get(i).handles(event.type())) {
                data[i] = handlers.get(i).decode(event);
            }
        }
        return new Decoded(data);
    }

    @Override
    public void apply(InboundBatch batch) {
        for (int i = 0; i < handlers.size(); i++) {
            EventHandler handler = handlers.get(i);
            List<InboundEvent> own = new ArrayList<>();
            for (InboundEvent event : batch.events()) {
                Object data = ((Decoded) event.data()).data()[i];
                if (data != null) {
                    own.add(event.withData(data));
                }
            }
            if (!own.isEmpty() || !handler.deduplicates()) {
                handler.apply(new InboundBatch(own, batch.nextOffsets()));
            }
        }
    }

    @Override
    public boolean deduplicates() {
        return handlers.get(0).deduplicates();
    }

    /** The others are idempotent by themselves: the first handler decides for the types it handles. */
    @Override
    public boolean idempotent(String type) {
        return handlers.get(0).handles(type) && handlers.get(0).idempotent(type);
    }

    /** The data of one event as each handler bound it (null for those that do not handle its type). */
    record Decoded(Object[] data) {
    }
}
