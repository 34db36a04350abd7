package dev.helpdesk.pipeline.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;

/**
 * A handler whose types, and the fields each must carry, are listed once in a {@link RequiredFields}: it handles those
 * types, binds their data, and applies a poll one event at a time in the pipeline's transaction. A service's handler
 * says what its events do ({@link #apply(InboundEvent)}, or {@link #apply(InboundBatch)} where it applies a poll as a
 * whole) and, where the schema is not enough, what else makes an event unreadable ({@link #check}); the rules of that
 * check stay in the service.
 */
public abstract class RequiredFieldsHandler implements EventHandler {

    private final RequiredFields required;
    private final ObjectMapper json;

    protected RequiredFieldsHandler(RequiredFields required, ObjectMapper json) {
        this.required = required;
        this.json = json;
    }

    @Override
    public boolean handles(String type) {
        return required.covers(type);
    }

    /** The data as {@link RequiredFields#bind} reads it, then as {@link #check} accepts it. */
    @Override
    public Object decode(ReceivedEvent event) {
        Object data = required.bind(json, event);
        check(event, data);
        return data;
    }

    /**
     * Refuses data that carries its fields but could still never be applied (an unknown time zone, a value out of
     * range) by throwing {@link dev.helpdesk.events.UnreadableEventException}, whose message is the dead letter's
     * reason. Accepts everything unless a handler says otherwise.
     */
    protected void check(ReceivedEvent event, Object data) {
    }

    /** Hands the events to {@link #apply(InboundEvent)} one at a time, in order; a handler may take the poll whole. */
    @Override
    public void apply(InboundBatch batch) {
        batch.forEach(this::apply);
    }

    /**
     * Applies one event, its data as {@link #decode} returned it, in the pipeline's transaction. Every handler that
     * does not override {@link #apply(InboundBatch)} overrides this.
     */
    protected void apply(InboundEvent event) {
        throw new UnsupportedOperationException(getClass().getName() + " applies whole polls only");
    }
}
