package dev.helpdesk.escalations.config;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds the RFC 9457 problem details this service answers with. */
public final class ApiProblems {

    private ApiProblems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://helpdesk.dev/problems/" + type));
        return problem;
    }

    public static ProblemDetail invalid(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", detail);
        problem.setProperty("errors", errors.stream()
                .map(error -> Map.of("field", error.field(), "message", error.message()))
                .toList());
        return problem;
    }

    /** One invalid field of a request. */
    public record FieldProblem(String field, String message) {
    }
}
