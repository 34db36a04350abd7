package dev.helpdesk.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.edge.problem.ProblemType;
import dev.helpdesk.edge.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;

/** Answers 401 and 403 as RFC 9457 problem details, like every other error. */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper objectMapper;

    public ProblemAuthenticationEntryPoint(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, ProblemType.UNAUTHORIZED, "A valid bearer token is required.", request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, ProblemType.FORBIDDEN, "Your role may not do this.", request);
    }

    /** 403 with a detail of its own (a refusal that is not about the role). */
    public void forbid(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        write(response, ProblemType.FORBIDDEN, detail, request);
    }

    /** 403 with a detail and a {@code reason} of its own. */
    public void forbid(HttpServletRequest request, HttpServletResponse response, String detail, String reason)
            throws IOException {
        write(response, ProblemType.FORBIDDEN, detail, reason, request);
    }

    private void write(HttpServletResponse response, ProblemType type, String detail, HttpServletRequest request) throws IOException {
        write(response, type, detail, null, request);
    }

    private void write(HttpServletResponse response, ProblemType type, String detail, String reason,
                       HttpServletRequest request) throws IOException {
        ProblemDetail problem = Problems.of(type, detail, reason, null);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
