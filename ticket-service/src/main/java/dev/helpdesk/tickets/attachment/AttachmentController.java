package dev.helpdesk.tickets.attachment;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.tickets.config.Actors;
import dev.helpdesk.tickets.config.TicketsProperties;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.ticket.command.AddAttachmentCommand;
import dev.helpdesk.tickets.ticket.query.TicketQueries;
import dev.helpdesk.tickets.ticket.query.TicketView;
import dev.helpdesk.tickets.ticket.web.TicketWrites;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

/** Screenshots and documents on tickets: images (PNG, JPEG, GIF, WebP) and PDF, judged by content, size-limited. */
@RestController
@Tag(name = "Attachments")
class AttachmentController {

    private final TicketWrites writes;
    private final TicketQueries tickets;
    private final AttachmentContents contents;
    private final Clock clock;
    private final long maxBytes;

    AttachmentController(TicketWrites writes, TicketQueries tickets, AttachmentContents contents, Clock clock,
                         TicketsProperties properties) {
        this.writes = writes;
        this.tickets = tickets;
        this.contents = contents;
        this.clock = clock;
        this.maxBytes = properties.attachments().maxBytes();
    }

    @PostMapping(path = "/api/tickets/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    ResponseEntity<TicketView.Attachment> add(@PathVariable String id, @RequestParam("file") MultipartFile file,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              Caller caller) throws IOException {
        requireReadableTicket(id, caller);
        if (file.getSize() > maxBytes) {
            throw ProblemException.payloadTooLarge("Attachments may be at most " + maxBytes + " bytes; this one has " + file.getSize() + ".");
        }
        if (file.isEmpty()) {
            throw ProblemException.invalid("file", "must not be empty");
        }
        byte[] bytes = file.getBytes();
        String contentType = ContentSniffer.mediaType(bytes).orElseThrow(() -> ProblemException.unsupportedMediaType(
                "Only images (PNG, JPEG, GIF, WebP) and PDF documents are accepted, judged by their content."));
        String sha256 = sha256(bytes);
        contents.store(sha256, contentType, bytes);
        String attachmentId = UUID.randomUUID().toString();
        writes.send(new AddAttachmentCommand(id, attachmentId, fileName(file.getOriginalFilename()), contentType,
                bytes.length, sha256, Actors.of(caller), clock.instant(), writes.expectedVersion(id, ifMatch, caller)), caller);
        String etag = writes.etag(id, caller); // the caller's version: contacts' counts only what they can see
        TicketView.Attachment attachment = tickets.attachment(id, attachmentId)
                .orElseThrow(() -> new NotFoundException("Attachment not found."));
        return ResponseEntity.created(URI.create("/api/tickets/" + id + "/attachments/" + attachmentId))
                .eTag(etag).body(attachment);
    }

    @GetMapping("/api/tickets/{id}/attachments/{attachmentId}")
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager', 'analyst', 'admin')")
    ResponseEntity<byte[]> get(@PathVariable String id, @PathVariable String attachmentId, Caller caller) {
        requireReadableTicket(id, caller);
        TicketView.Attachment attachment = tickets.attachment(id, attachmentId)
                .orElseThrow(() -> new NotFoundException("Attachment not found."));
        byte[] bytes = contents.content(attachment.sha256()).orElseThrow(() -> new NotFoundException("Attachment not found."));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", ContentDisposition.inline().filename(attachment.fileName(), StandardCharsets.UTF_8).build().toString())
                .eTag("\"" + attachment.sha256() + "\"")
                .body(bytes);
    }

    private void requireReadableTicket(String id, Caller caller) {
        TicketView ticket = tickets.summary(id).orElseThrow(() -> new NotFoundException("Ticket not found."));
        caller.requireReadable(ticket.organizationId(), "Ticket");
    }

    static String fileName(String original) {
        if (original == null) {
            return "attachment";
        }
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty()) {
            return "attachment";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
