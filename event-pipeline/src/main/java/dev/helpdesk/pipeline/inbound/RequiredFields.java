package dev.helpdesk.pipeline.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registered event types a handler acts on, each with the data fields it cannot do without: what decides its
 * {@link EventHandler#handles} and binds the data in its {@link EventHandler#decode}. Types not registered with the
 * producer's published language ({@link EventTypes} unless another is given), or not listed, are not handled.
 */
public final class RequiredFields {

    private final Function<String, Optional<Class<?>>> classOf;
    private final Map<Class<?>, List<String>> byType;

    /** Types of the ticket-service's topic ({@link EventTypes}). */
    public RequiredFields(Map<Class<?>, List<String>> byType) {
        this(EventTypes::classOf, byType);
    }

    /** Types of another producer's topic, as its registry finds them (for example {@code SlaEventTypes::classOf}). */
    public RequiredFields(Function<String, Optional<Class<?>>> classOf, Map<Class<?>, List<String>> byType) {
        this.classOf = classOf;
        this.byType = Map.copyOf(byType);
    }

    /** Whether the type is registered and listed. */
    public boolean covers(String type) {
        return classOf.apply(type).filter(byType::containsKey).isPresent();
    }

    /**
     * The event's data as its registered class, checked to carry the type's fields.
     *
     * @throws dev.helpdesk.events.UnreadableEventException when it breaks the type's schema or lacks a field
     */
    public Object bind(ObjectMapper json, ReceivedEvent event) {
        Class<?> dataType = classOf.apply(event.type()).orElseThrow();
        return ReceivedEvents.data(json, event, dataType, byType.get(dataType));
    }
}
