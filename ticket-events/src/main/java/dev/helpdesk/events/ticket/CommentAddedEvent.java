package dev.helpdesk.events.ticket;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.Visibility;

import java.time.Instant;

/** A comment was written on a ticket. A public comment by staff is a response to the customer. */
public record CommentAddedEvent(
        String ticketId,
        String commentId,
        String authorId,
        ActorKind authorKind,
        Visibility visibility,
        String body,
        Instant addedAt) {
}
