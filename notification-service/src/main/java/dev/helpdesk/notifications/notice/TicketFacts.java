package dev.helpdesk.notifications.notice;

/**
 * What the mails need to know of a ticket, kept from its events: who opened it (and whether as a contact), who is
 * assigned, its organisation and title.
 */
public record TicketFacts(String ticketId, String key, String organizationId, String title, String openedBy,
                          boolean openedByContact, String assignee) {

    /** The user mailed as "the contact" of this ticket, if a contact opened it. */
    public boolean hasContact() {
        return openedByContact && openedBy != null && !openedBy.isBlank();
    }

    /** How the ticket is named in a subject: its key when it has one, else its id. */
    public String label() {
        return key == null || key.isBlank() ? ticketId : key;
    }
}
