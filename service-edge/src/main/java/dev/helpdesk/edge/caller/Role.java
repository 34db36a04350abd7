package dev.helpdesk.edge.caller;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The roles a token's {@code roles} claim may give. Staff roles see every organisation; a contact only their own. */
public enum Role {

    CONTACT, AGENT, MANAGER, ANALYST, ADMIN;

    /** The roles of the support desk's own people, not confined to one organisation. */
    public static final Set<Role> STAFF = EnumSet.of(AGENT, MANAGER, ANALYST, ADMIN);

    /** The value in the token, e.g. {@code agent} (also the name {@code hasRole(...)} checks). */
    public String claim() {
        return name().toLowerCase();
    }

    public static Optional<Role> fromClaim(String value) {
        return Arrays.stream(values()).filter(role -> role.claim().equals(value)).findFirst();
    }
}
