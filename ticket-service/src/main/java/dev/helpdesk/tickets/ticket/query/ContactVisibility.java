package dev.helpdesk.tickets.ticket.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.ticket.CommentAddedEvent;

/**
 * Which events of a ticket a contact sees: all but internal comments. The contact's history lists exactly these,
 * numbered without gaps, and the contact's version of the ticket counts exactly these, so nothing a contact is
 * shown moves when staff write an internal note.
 */
public final class ContactVisibility {

    private static final String COMMENT_ADDED = EventTypes.typeOf(CommentAddedEvent.class).orElseThrow();

    private ContactVisibility() {
    }

    static boolean sees(CommentAddedEvent comment) {
        return comment.visibility() != Visibility.INTERNAL;
    }

    /** The same rule on an event as the history reads it from the store: its published type and JSON data. */
    public static boolean sees(String type, JsonNode data) {
        return !(COMMENT_ADDED.equals(type) && Visibility.INTERNAL.name().equals(data.path("visibility").asText()));
    }
}
