-- The current contacts of each organisation, kept from helpdesk.tickets.v1 (contact-added / contact-removed) by the
-- event pipeline's ContactMembershipHandler; the edge refuses a contact who is not in it (docs/security.md,
-- "Contact membership"). Same shape as in event-pipeline's pipeline-schema.sql.
CREATE TABLE contact_membership (
    organization_id text NOT NULL,
    user_id         text NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
