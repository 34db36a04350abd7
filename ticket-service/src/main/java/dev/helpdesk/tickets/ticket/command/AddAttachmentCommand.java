package dev.helpdesk.tickets.ticket.command;

import dev.helpdesk.tickets.domain.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

public record AddAttachmentCommand(
        @TargetAggregateIdentifier String ticketId,
        String attachmentId,
        String fileName,
        String contentType,
        long size,
        String sha256,
        Actor actor,
        Instant at,
        @TargetAggregateVersion Long expectedVersion) {
}
