package dev.helpdesk.edge;

/**
 * Who is a current contact of which organisation, as the service knows it from the organisation's own events. A
 * service that has one (a bean of this type) gets every confined caller (not staff) checked against it at the edge
 * ({@link ContactMembershipFilter}); each service provides it from its own data (see docs/security.md, "Contact
 * membership"). An answer may lag a removal by a bounded, documented delay (the implementation's cache).
 */
@FunctionalInterface
public interface ContactRegistry {

    /** Whether the user is a current contact of the organisation. */
    boolean isMember(String organizationId, String userId);
}
