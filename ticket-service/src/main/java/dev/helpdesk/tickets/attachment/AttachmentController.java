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
import org.springframework.transaction.support.TransactionTemplate;
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
import java.util.Optional;
import java.util.UUID;

/**
 * Screenshots and documents on tickets: images (PNG, JPEG, GIF, WebP) and PDF, judged by content, size-limited.
 * An upload is checked before anything is stored: the ticket must exist and be the caller's to see, then size and
 * kind, then, in one transaction, the organisation's quota, the ticket's own command (a closed ticket or a stale
 * {@code If-Match} refuses) and only then the bytes; a refusal anywhere stores and counts nothing.
 */
@RestController
@Tag(name = "Attachments")
class AttachmentController {

    private final TicketWrites writes;
    private final TicketQueries tickets;
    private final AttachmentContents contents;
    private final Clock clock;
    private final AttachmentQuota quota;
    private final TransactionTemplate transaction;
    private final long maxBytes;
    private final long quotaBytes;

    AttachmentController(TicketWrites writes, TicketQueries tickets, AttachmentContents contents, Clock clock,
                         AttachmentQuota quota, TransactionTemplate transaction, TicketsProperties properties) {
        this.writes = writes;
        this.tickets = tickets;
        this.contents = contents;
        this.clock = clock;
        this.quota = quota;
        this.transaction = transaction;
        this.maxBytes = properties.attachments().maxBytes();
        this.quotaBytes = properties.attachments().quotaBytes();
    }

    @PostMapping(path = "/api/tickets/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('contact', 'agent', 'manager')")
    ResponseEntity<TicketView.Attachment> add(@PathVariable String id, @RequestParam("file") MultipartFile file,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              Caller caller) throws IOException {
        String organizationId = requireReadableTicket(id, caller);
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
        String attachmentId = UUID.randomUUID().toString();
        AddAttachmentCommand command = new AddAttachmentCommand(id, attachmentId, fileName(file.getOriginalFilename()),
                contentType, bytes.length, sha256, Actors.of(caller), clock.instant(),
                writes.expectedVersion(id, ifMatch, caller));
        // the quota, the command's event and the bytes commit together (Axon's unit of work joins this transaction)
        Optional<TicketView> written = transaction.execute(status -> {
            quota.reserve(organizationId, bytes.length, quotaBytes);
            Optional<TicketView> view = writes.sendAndReadIfCurrent(command, id, caller);
            contents.store(sha256, contentType, bytes);
            return view;
        });
        // the caller's version: contacts' counts only what they can see
        String etag = written.orElseGet(() -> writes.fresh(id, caller)).etag();
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

    /** The ticket's organisation, when the caller may see the ticket (404 otherwise). */
    private String requireReadableTicket(String id, Caller caller) {
        TicketView ticket = tickets.summary(id).orElseThrow(() -> new NotFoundException("Ticket not found."));
        caller.requireReadable(ticket.organizationId(), "Ticket");
        return ticket.organizationId();
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
