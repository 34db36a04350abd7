package dev.helpdesk.tickets.attachment;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Attachment bytes, stored once per SHA-256 however often they are attached. */
@Component
public class AttachmentContents {

    private final JdbcTemplate jdbc;

    AttachmentContents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void store(String sha256, String contentType, byte[] content) {
        jdbc.update("""
                INSERT INTO attachment_content (sha256, content_type, size, content) VALUES (?, ?, ?, ?)
                ON CONFLICT (sha256) DO NOTHING""", sha256, contentType, content.length, content);
    }

    public Optional<byte[]> content(String sha256) {
        return jdbc.query("SELECT content FROM attachment_content WHERE sha256 = ?", (rs, n) -> rs.getBytes(1), sha256)
                .stream().findFirst();
    }
}
