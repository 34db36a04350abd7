package dev.helpdesk.pipeline.inbound;

import dev.helpdesk.events.ReceivedEvent;

/**
 * An event read from a topic that the consuming service acts on: its envelope, its data bound to the type's record,
 * and where it was read.
 */
public record InboundEvent(ReceivedEvent envelope, Object data, String topic, int partition, long offset) {

    public String id() {
        return envelope.id();
    }

    public String type() {
        return envelope.type();
    }
}
