package dev.helpdesk.edge;

import dev.helpdesk.edge.caller.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
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
 * A contact must be a current member of the organisation in its token: a confined caller (not staff) whose
 * ({@code org}, {@code sub}) the service's {@link ContactRegistry} does not know is refused with 403
 * {@code forbidden}, {@code reason: "not-a-contact"}, before any controller, on every path that needs a token, for
 * reads and writes alike. Runs after {@link OrganizationClaimFilter} (a token without {@code org} is refused there).
 * A service without a registry is not checked here.
 */
class ContactMembershipFilter extends OncePerRequestFilter {

    static final String DETAIL = "You are not a current contact of the organisation in your token.";
    static final String REASON = "not-a-contact";

    private final ProblemAuthenticationEntryPoint problems;
    private final ObjectProvider<ContactRegistry> contacts;
    private final RequestMatcher openPaths;

    ContactMembershipFilter(ProblemAuthenticationEntryPoint problems, ObjectProvider<ContactRegistry> contacts,
                            String... openPaths) {
        this.problems = problems;
        this.contacts = contacts;
        this.openPaths = new OrRequestMatcher(Arrays.stream(openPaths)
                .<RequestMatcher>map(AntPathRequestMatcher::antMatcher).toList());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt && !openPaths.matches(request)) {
            Caller caller = Caller.of(jwt);
            ContactRegistry registry = contacts.getIfAvailable();
            if (registry != null && !caller.isStaff() && !caller.lacksOrganization()
                    && (caller.userId() == null || !registry.isMember(caller.organizationId(), caller.userId()))) {
                problems.forbid(request, response, DETAIL, REASON);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
