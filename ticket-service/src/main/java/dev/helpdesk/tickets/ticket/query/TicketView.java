package dev.helpdesk.tickets.ticket.query;

import dev.helpdesk.edge.version.ETags;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;

/** A ticket as the API shows it; {@code comments} holds only what the reader may see. */
public record TicketView(
        String id,
        String key,
        String organizationId,
        String type,
        String severity,
        String status,
        String title,
        String description,
        String courseId,
        String affectedUserEmail,
        String pageUrl,
        String channel,
        String assignee,
        int escalationLevel,
        String openedBy,
        Instant openedAt,
        Instant updatedAt,
        long version,
        List<Comment> comments,
        List<Attachment> attachments,
        String resolution,
        List<SeverityRequest> severityRequests) {

    public record Comment(String id, String authorId, String authorKind, String visibility, String body, Instant addedAt) {
    }

    public record Attachment(String id, String fileName, String contentType, long size, String sha256, String addedBy,
                             Instant addedAt) {
    }

    /**
     * A contact's request for another severity and support's answer: {@code state} OPEN, ACCEPTED or DECLINED; the
     * decision's fields are null while it is open.
     */
    public record SeverityRequest(String requestId, String from, String requested, String reason, String requestedBy,
                                  Instant requestedAt, String state, String decisionReason, String decidedBy,
                                  Instant decidedAt) {
    }

    public TicketView withDetails(List<Comment> comments, List<Attachment> attachments) {
        return new TicketView(id, key, organizationId, type, severity, status, title, description, courseId,
                affectedUserEmail, pageUrl, channel, assignee, escalationLevel, openedBy, openedAt, updatedAt, version,
                comments, attachments, resolution, severityRequests);
    }

    @JsonIgnore
    public String etag() {
        return ETags.of(version);
    }
}
