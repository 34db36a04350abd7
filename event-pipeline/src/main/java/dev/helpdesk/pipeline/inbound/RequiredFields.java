package dev.helpdesk.pipeline.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;

import java.util.List;
import java.util.Map;

/**
 * The registered event types a handler acts on, each with the data fields it cannot do without: what decides its
 * {@link EventHandler#handles} and binds the data in its {@link EventHandler#decode}. Types not registered with
 * {@link EventTypes}, or not listed, are not handled.
 */
public final class RequiredFields {

    private final Map<Class<?>, List<String>> byType;

    public RequiredFields(Map<Class<?>, List<String>> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** Whether the type is registered and listed. */
    public boolean covers(String type) {
        return EventTypes.classOf(type).filter(byType::containsKey).isPresent();
    }

    /**
     * The event's data as its registered class, checked to carry the type's fields.
     *
     * @throws dev.helpdesk.events.UnreadableEventException when it breaks the type's schema or lacks a field
     */
    public Object bind(ObjectMapper json, ReceivedEvent event) {
        Class<?> dataType = EventTypes.classOf(event.type()).orElseThrow();
        return ReceivedEvents.data(json, event, dataType, byType.get(dataType));
    }
}
