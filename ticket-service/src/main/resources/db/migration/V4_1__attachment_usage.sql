-- Attachment bytes each organisation has added (the sizes of its attachments as attached, counted from this
-- migration on), against helpdesk.tickets.attachments.quota-bytes. Raised in the transaction that stores the
-- attachment; its row lock serialises one organisation's concurrent uploads.
CREATE TABLE attachment_usage (
    organization_id VARCHAR(64) PRIMARY KEY,
    bytes           BIGINT      NOT NULL CHECK (bytes >= 0)
);
