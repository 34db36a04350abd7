package dev.helpdesk.events.ticket;

import java.time.Instant;

/** A file was attached to a ticket; the bytes are stored once by the ticket service under their SHA-256. */
public record AttachmentAddedEvent(
        String ticketId,
        String attachmentId,
        String fileName,
        String contentType,
        long size,
        String sha256,
        String addedBy,
        Instant addedAt) {
}
