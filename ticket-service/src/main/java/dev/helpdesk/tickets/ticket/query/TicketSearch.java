package dev.helpdesk.tickets.ticket.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a ticket list asks for besides the organisation (a {@link dev.helpdesk.edge.caller.TenantScope}) and the
 * page: every criterion null (or false) means any.
 *
 * @param text       full-text words over title, description and public comments (web-search syntax: quotes for a
 *                   phrase, {@code -word} to exclude, {@code or})
 * @param assignee   tickets assigned to this user
 * @param unassigned only tickets nobody is assigned to
 * @param openedBy   tickets opened by this user (a contact's own requests)
 * @param from       opened at or after
 * @param to         opened before
 * @param sort       the order of the list
 */
public record TicketSearch(String text, String status, String severity, String type, String assignee, boolean unassigned,
                           String openedBy, Instant from, Instant to, TicketSort sort) {

    public TicketSearch {
        Objects.requireNonNull(sort, "sort");
    }

    /** Every ticket, newest first. */
    public static TicketSearch all() {
        return new TicketSearch(null, null, null, null, null, false, null, null, null, TicketSort.CREATED);
    }

    /**
     * A digest of the criteria, the scope and the reader's kind: a cursor carries it, so that it is only followed on
     * the list it was made for.
     */
    String fingerprint(String scope, boolean staff) {
        String canonical = String.join("\u0000", String.valueOf(scope), String.valueOf(staff), String.valueOf(text),
                String.valueOf(status), String.valueOf(severity), String.valueOf(type), String.valueOf(assignee),
                String.valueOf(unassigned), String.valueOf(openedBy), String.valueOf(from), String.valueOf(to), sort.name());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
