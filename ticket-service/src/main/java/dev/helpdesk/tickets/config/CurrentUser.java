package dev.helpdesk.tickets.config;

import dev.helpdesk.tickets.domain.Actor;
import dev.helpdesk.tickets.domain.NotFoundException;
import dev.helpdesk.tickets.domain.NotPermittedException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Set;

/** The authenticated caller, read from the bearer token's {@code sub}, {@code roles} and {@code org} claims. */
public record CurrentUser(String userId, Set<String> roles, String organizationId) {

    public static CurrentUser of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new CurrentUser(jwt.getSubject(), roles == null ? Set.of() : Set.copyOf(roles), jwt.getClaimAsString("org"));
    }

    public boolean isStaff() {
        return roles.contains("agent") || roles.contains("manager");
    }

    /** A contact only: the one role that is confined to its own organisation. */
    public boolean isContactOnly() {
        return roles.contains("contact") && !isStaff() && !roles.contains("analyst") && !roles.contains("admin");
    }

    public boolean seesInternalNotes() {
        return !isContactOnly();
    }

    /** Who the command comes from: support staff, or a customer's contact. */
    public Actor actor() {
        if (isStaff()) {
            return Actor.staff(userId);
        }
        if (roles.contains("contact")) {
            return Actor.contact(userId);
        }
        throw new NotPermittedException("role", "Your role may not change tickets.");
    }

    /** Tenant isolation: another organisation's resource answers as if it did not exist. */
    public void requireTenant(String resourceOrganizationId, String what) {
        if (isContactOnly() && !resourceOrganizationId.equals(organizationId)) {
            throw new NotFoundException(what + " not found.");
        }
    }
}
