package dev.helpdesk.events.budget;

import dev.helpdesk.events.EventTypeRegistry;
import dev.helpdesk.events.Topics;

import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of each event on {@code helpdesk.budgets.v1} and the record that is its {@code data}.
 * A type name never changes meaning: an incompatible change gets a new {@code .vN} type.
 */
public final class BudgetEventTypes {

    /** The topic the budget service publishes to (the default; services read the name from configuration). */
    public static final String TOPIC = Topics.BUDGETS;

    public static final String THRESHOLD_CROSSED = "helpdesk.budget.threshold-crossed.v1";

    private static final EventTypeRegistry REGISTRY = new EventTypeRegistry()
            .register(THRESHOLD_CROSSED, BudgetThresholdCrossedEvent.class);

    private BudgetEventTypes() {
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
