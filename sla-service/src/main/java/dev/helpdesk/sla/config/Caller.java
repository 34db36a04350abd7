package dev.helpdesk.sla.config;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who calls: a contact sees only their own organisation; staff roles see all. */
public record Caller(boolean contact, String organizationId) {

    public static Caller of(Authentication authentication) {
        boolean staff = authentication.getAuthorities().stream().anyMatch(authority -> switch (authority.getAuthority()) {
            case "ROLE_agent", "ROLE_manager", "ROLE_analyst", "ROLE_admin" -> true;
            default -> false;
        });
        String organization = authentication.getPrincipal() instanceof Jwt jwt ? jwt.getClaimAsString("org") : null;
        return new Caller(!staff, organization);
    }

    /** Whether the caller may see data of this organisation (otherwise answer 404, as for an unknown one). */
    public boolean maySee(String organizationId) {
        return !contact || (this.organizationId != null && this.organizationId.equals(organizationId));
    }
}
