package dev.helpdesk.pipeline.inbound;

import org.springframework.core.env.Environment;

/**
 * Makes a service's {@link TopicListener}s: a topic named {@code helpdesk.topics.<name>} in its configuration, read
 * through the {@link InboundPipeline}. The tickets topic also keeps the contact membership, when the service keeps it,
 * in the same transaction (docs/security.md): {@code membership} is its handler, null where the service keeps none.
 */
public record TopicListeners(Environment environment, InboundPipeline pipeline, EventHandler membership) {

    /** The listener of the topic {@code helpdesk.topics.<name>}, with the service's handler alone. */
    public TopicListener of(String name, EventHandler handler) {
        return new TopicListener(environment.getRequiredProperty("helpdesk.topics." + name), pipeline, handler);
    }

    /** The listener of {@code helpdesk.topics.tickets}: the service's handler, then the contact membership's. */
    public TopicListener tickets(EventHandler handler) {
        return of("tickets", membership == null ? handler : new CompositeEventHandler(handler, membership));
    }
}
