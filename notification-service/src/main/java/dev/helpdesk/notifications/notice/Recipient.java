package dev.helpdesk.notifications.notice;

/**
 * Who a notice goes to: a user (whose address is looked up, and who may opt out) or a configured address. A
 * recipient that is the ticket's contact carries the organisation they must still belong to: a contact is never
 * mailed about another organisation's ticket.
 *
 * @param userId             the user, or null for a bare address
 * @param address            the address, or null when it is to be looked up by user
 * @param contactOfOrganization the organisation the user must be a current contact of, or null for staff
 */
public record Recipient(String userId, String address, String contactOfOrganization) {

    public static Recipient contact(String userId, String organizationId) {
        return new Recipient(userId, null, organizationId);
    }

    public static Recipient staff(String userId) {
        return new Recipient(userId, null, null);
    }

    /**
     * A manager named in an organisation's terms (free text there): an e-mail address is mailed as it stands,
     * anything else is taken as a user id.
     */
    public static Recipient named(String userOrAddress) {
        return EmailAddresses.isValid(userOrAddress) ? address(userOrAddress) : staff(userOrAddress);
    }

    public static Recipient address(String address) {
        return new Recipient(null, address, null);
    }

    public boolean isContact() {
        return contactOfOrganization != null;
    }

    /** The same person whoever named them: user id or address. */
    public String identity() {
        return userId != null ? "user:" + userId : "address:" + address.toLowerCase(java.util.Locale.ROOT);
    }
}
