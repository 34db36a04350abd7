package dev.helpdesk.events.escalation;

import dev.helpdesk.events.EventTypeRegistry;
import dev.helpdesk.events.Topics;

import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of each event on {@code helpdesk.escalations.v1} and the record that is its
 * {@code data}. A type name never changes meaning: an incompatible change gets a new {@code .vN} type.
 */
public final class EscalationEventTypes {

    /** The topic the escalation service publishes to (the default; services read the name from configuration). */
    public static final String TOPIC = Topics.ESCALATIONS;

    public static final String RAISED = "helpdesk.escalation.raised.v1";
    public static final String ACKNOWLEDGED = "helpdesk.escalation.acknowledged.v1";
    public static final String CLOSED = "helpdesk.escalation.closed.v1";

    private static final EventTypeRegistry REGISTRY = new EventTypeRegistry()
            .register(RAISED, EscalationRaisedEvent.class)
            .register(ACKNOWLEDGED, EscalationAcknowledgedEvent.class)
            .register(CLOSED, EscalationClosedEvent.class);

    private EscalationEventTypes() {
    }

    /** The record class of a type, empty for a type this version does not know (consumers skip those). */
    public static Optional<Class<?>> classOf(String type) {
        return REGISTRY.classOf(type);
    }

    /** The type name of a published event record. */
    public static Optional<String> typeOf(Class<?> eventClass) {
        return REGISTRY.typeOf(eventClass);
    }

    public static Map<String, Class<?>> all() {
        return REGISTRY.all();
    }
}
