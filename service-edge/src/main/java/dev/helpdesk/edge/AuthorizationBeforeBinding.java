package dev.helpdesk.edge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Decides a controller method's {@code @PreAuthorize} rule before its arguments are bound. Method security alone
 * decides only when the method is called, after the body was read and validated: a contact posting an invalid body
 * to an admin's endpoint would learn the body's rules from a 400 instead of getting 403. Method security still
 * checks again at the call. Rules on the controllers are role checks; one that read a method argument would see
 * {@code null} here, so none should.
 */
public class AuthorizationBeforeBinding implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager rules = new PreAuthorizeAuthorizationManager();

    public AuthorizationBeforeBinding(MethodSecurityExpressionHandler expressionHandler) {
        if (expressionHandler != null) {
            rules.setExpressionHandler(expressionHandler);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Object[] unboundArguments = new Object[method.getMethod().getParameterCount()];
            AuthorizationResult result = rules.authorize(SecurityContextHolder.getContext()::getAuthentication,
                    new SimpleMethodInvocation(method.getBean(), method.getMethod(), unboundArguments));
            if (result != null && !result.isGranted()) {
                throw new AccessDeniedException("Access Denied");
            }
        }
        return true;
    }
}
