package dev.helpdesk.webhooks.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.webhooks.delivery.DeliveryQueue;
import dev.helpdesk.webhooks.domain.DeskEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the webhooks do with one topic's events: each deliverable event is queued, in the pipeline's transaction, for
 * every active endpoint that wants it, as the CloudEvent body that is then sent unchanged on every attempt.
 */
public class DeskEventsHandler implements EventHandler {

    static final String TICKET_OPENED = "helpdesk.ticket.opened.v1";
    static final String COMMENT_ADDED = "helpdesk.ticket.comment-added.v1";

    private final ObjectMapper json;
    private final DeliveryQueue queue;
    private final String source;
    private final Set<String> types;

    public DeskEventsHandler(ObjectMapper json, DeliveryQueue queue, String source, Iterable<String> types) {
        this.json = json;
        this.queue = queue;
        this.source = source;
        java.util.Set<String> copy = new java.util.HashSet<>();
        types.forEach(copy::add);
        this.types = Set.copyOf(copy);
    }

    @Override
    public boolean handles(String type) {
        return types.contains(type);
    }

    /** Checks what routing needs: an object as data and a ticket (data.ticketId, else the subject). */
    @Override
    public Object decode(ReceivedEvent event) {
        if (!event.data().isObject()) {
            throw new UnreadableEventException(event.type() + " data is not an object");
        }
        if (ticketId(event) == null) {
            throw new UnreadableEventException(event.type() + " lacks data.ticketId");
        }
        if (TICKET_OPENED.equals(event.type()) && text(event.data(), "organizationId") == null) {
            throw new UnreadableEventException(event.type() + " lacks data.organizationId");
        }
        return event;
    }

    /**
     * The poll's openings are remembered first (one statement), the organisations of the other events' tickets read
     * at once (one statement), then every event queued for the endpoints that want it ({@link DeliveryQueue#enqueueAll}).
     */
    @Override
    public void apply(InboundBatch batch) {
        List<ReceivedEvent> events = new ArrayList<>();
        batch.forEach(inbound -> events.add(inbound.envelope()));
        Map<String, String> opened = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        for (ReceivedEvent event : events) {
            String organizationId = text(event.data(), "organizationId");
            if (TICKET_OPENED.equals(event.type())) {
                opened.putIfAbsent(ticketId(event), organizationId);
            } else if (organizationId == null) {
                unknown.add(ticketId(event));
            }
        }
        queue.rememberTickets(opened);
        unknown.removeAll(opened.keySet());
        Map<String, String> organizations = new HashMap<>(queue.organizationsOf(unknown));
        organizations.putAll(opened);
        List<DeliveryQueue.Queued> queued = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            String ticketId = ticketId(event);
            String organizationId = text(event.data(), "organizationId");
            if (organizationId == null) {
                organizationId = organizations.get(ticketId);
            }
            boolean internal = COMMENT_ADDED.equals(event.type())
                    && "INTERNAL".equals(text(event.data(), "visibility"));
            queued.add(new DeliveryQueue.Queued(new DeskEvent(event.id(), event.type(), organizationId, internal, ticketId),
                    () -> body(event)));
        }
        queue.enqueueAll(queued);
    }

    /** The CloudEvents 1.0 structured JSON body of the deliveries (no internal extensions). */
    private String body(ReceivedEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("specversion", "1.0");
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("source", source);
        if (event.subject() != null) {
            body.put("subject", event.subject());
        }
        if (event.time() != null) {
            body.put("time", event.time().toString());
        }
        body.put("datacontenttype", "application/json");
        body.set("data", event.data());
        try {
            return json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnreadableEventException(event.type() + " data cannot be written as JSON");
        }
    }

    private static String ticketId(ReceivedEvent event) {
        String ticketId = text(event.data(), "ticketId");
        return ticketId != null ? ticketId : blankToNull(event.subject());
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || !value.isTextual() ? null : blankToNull(value.asText());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
