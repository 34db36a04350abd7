package dev.helpdesk.edge.caller;

import dev.helpdesk.edge.problem.ProblemException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who calls, read once from the bearer token's claims ({@code sub, name, email, roles, org}); a controller takes it
 * as a parameter. Holds the one tenant rule: staff ({@link Role#STAFF}) read every organisation, everyone else only
 * the organisation of their {@code org} claim, and a non-staff caller without one is refused (403), never let
 * through. Another organisation's resource is answered 404, exactly like an unknown one.
 */
public record Caller(String userId, String name, String email, Set<Role> roles, String organizationId) {

    public static final String ORGANIZATION_CLAIM = "org";
    public static final String ROLES_CLAIM = "roles";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller of(Jwt jwt) {
        List<String> claimed = jwt.getClaimAsStringList(ROLES_CLAIM);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claimed != null) {
            claimed.forEach(value -> Role.fromClaim(value).ifPresent(roles::add));
        }
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("name"), jwt.getClaimAsString("email"), roles,
                jwt.getClaimAsString(ORGANIZATION_CLAIM));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Staff see every organisation; everyone else is confined to their own. */
    public boolean isStaff() {
        return hasAny(Role.STAFF);
    }

    /** The organisation the caller is confined to: empty for staff; a confined caller without one is refused (403). */
    public Optional<String> tenant() {
        if (isStaff()) {
            return Optional.empty();
        }
        if (organizationId == null || organizationId.isBlank()) {
            throw ProblemException.forbidden("Your token names no organisation (claim \"org\").");
        }
        return Optional.of(organizationId);
    }

    /** A confined caller (not staff) whose token names no organisation: refused everywhere (fail closed). */
    public boolean lacksOrganization() {
        return !isStaff() && (organizationId == null || organizationId.isBlank());
    }

    /**
     * The scope of a list the caller asked for, optionally narrowed to {@code requestedOrganizationId}: staff get
     * that organisation or every one; a confined caller gets their own, or nothing when they asked for another
     * (403 without an organisation of their own).
     */
    public TenantScope scope(String requestedOrganizationId) {
        Optional<String> own = tenant();
        if (own.isEmpty()) {
            return requestedOrganizationId == null ? TenantScope.everyOrganization() : TenantScope.of(requestedOrganizationId);
        }
        if (requestedOrganizationId != null && !requestedOrganizationId.equals(own.get())) {
            return TenantScope.nothing();
        }
        return TenantScope.of(own.get());
    }

    /** Whether the caller may read the data of this organisation (403 for a confined caller without organisation). */
    public boolean mayRead(String organizationId) {
        return tenant().map(own -> Objects.equals(own, organizationId)).orElse(true);
    }

    /** Refuses, as 404 "{@code what} not found.", a resource of an organisation the caller may not read. */
    public void requireReadable(String organizationId, String what) {
        if (!mayRead(organizationId)) {
            throw ProblemException.notFound(what + " not found.");
        }
    }
}
