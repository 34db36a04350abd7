package dev.helpdesk.edge;

import dev.helpdesk.edge.caller.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Arrays;

/**
 * Tenancy fails closed on every endpoint, not only where a controller asks the {@link Caller} for its tenant: a
 * token of a confined role (a contact, or no staff role at all) that names no organisation ({@code org}) is
 * refused with 403 before any controller runs. The open paths answer as they do for anyone.
 */
class OrganizationClaimFilter extends OncePerRequestFilter {

    static final String DETAIL = "Your token names no organisation (claim \"org\").";

    private final ProblemAuthenticationEntryPoint problems;
    private final RequestMatcher openPaths;

    OrganizationClaimFilter(ProblemAuthenticationEntryPoint problems, String... openPaths) {
        this.problems = problems;
        this.openPaths = new OrRequestMatcher(Arrays.stream(openPaths)
                .<RequestMatcher>map(AntPathRequestMatcher::antMatcher).toList());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                && Caller.of(jwt).lacksOrganization() && !openPaths.matches(request)) {
            problems.forbid(request, response, DETAIL);
            return;
        }
        chain.doFilter(request, response);
    }
}
