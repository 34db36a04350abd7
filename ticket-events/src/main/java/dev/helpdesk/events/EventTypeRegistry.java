package dev.helpdesk.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A producer's type names and the records that are their {@code data}, both ways. Each published-language module
 * keeps one ({@link EventTypes}, {@code SlaEventTypes}, ...). A type name never changes meaning: an incompatible
 * change gets a new {@code .vN} type.
 */
public final class EventTypeRegistry {

    private final Map<String, Class<?>> byType = new LinkedHashMap<>();
    private final Map<Class<?>, String> byClass = new LinkedHashMap<>();

    public EventTypeRegistry register(String type, Class<?> eventClass) {
        if (byType.putIfAbsent(type, eventClass) != null || byClass.putIfAbsent(eventClass, type) != null) {
            throw new IllegalArgumentException("registered twice: " + type + " / " + eventClass.getName());
        }
        return this;
    }

    /** The record class of a type, empty for a type this version does not know (consumers skip those). */
    public Optional<Class<?>> classOf(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The type name of a published event record. */
    public Optional<String> typeOf(Class<?> eventClass) {
        return Optional.ofNullable(byClass.get(eventClass));
    }

    public Map<String, Class<?>> all() {
        return Map.copyOf(byType);
    }
}
