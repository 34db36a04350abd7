package dev.helpdesk.tickets.attachment;

import dev.helpdesk.edge.problem.ProblemException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The attachment bytes an organisation may add in all ({@code helpdesk.tickets.attachments.quota-bytes}): each
 * attachment counts with its size, however often the same content is attached. Reserved in the transaction that
 * stores the attachment, so a refused or failed upload counts nothing, and concurrent uploads of one organisation
 * queue on its row.
 */
@Component
class AttachmentQuota {

    static final String REASON = "attachment-quota";

    private final JdbcTemplate jdbc;

    AttachmentQuota(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts {@code bytes} against the organisation's quota; 422 {@code attachment-quota} when it would pass it. */
    void reserve(String organizationId, long bytes, long quotaBytes) {
        int counted = bytes > quotaBytes ? 0 : jdbc.update("""
                INSERT INTO attachment_usage (organization_id, bytes) VALUES (?, ?)
                ON CONFLICT (organization_id) DO UPDATE SET bytes = attachment_usage.bytes + EXCLUDED.bytes
                WHERE attachment_usage.bytes + EXCLUDED.bytes <= ?""", organizationId, bytes, quotaBytes);
        if (counted == 0) {
            throw ProblemException.businessRule(REASON, "The organisation's attachments may take at most " + quotaBytes
                    + " bytes in all; this one (" + bytes + " bytes) would pass that.");
        }
    }

    long used(String organizationId) {
        return jdbc.query("SELECT bytes FROM attachment_usage WHERE organization_id = ?", (rs, n) -> rs.getLong(1),
                organizationId).stream().findFirst().orElse(0L);
    }
}
