package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.config.NotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.util.Set;

/** Contacts read only their own organisation; another organisation answers 404 exactly like an unknown one. */
@Component
public class TenantAccess {

    private static final Set<String> READ_ALL = Set.of("ROLE_agent", "ROLE_manager", "ROLE_analyst", "ROLE_admin");

    public void requireReadable(Authentication authentication, String organizationId) {
        boolean readsAll = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(READ_ALL::contains);
        if (readsAll) {
            return;
        }
        String own = authentication.getPrincipal() instanceof Jwt jwt ? jwt.getClaimAsString("org") : null;
        if (own == null || !own.equals(organizationId)) {
            throw BudgetReports.unknown(organizationId);
        }
    }
}
