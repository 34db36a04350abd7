package dev.helpdesk.escalations.config;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.List;

/** An expected failure of a request, answered as the problem detail it carries. */
public class ApiException extends RuntimeException {

    private final transient ProblemDetail problem;

    public ApiException(ProblemDetail problem) {
        super(problem.getDetail(), null, false, false);
        this.problem = problem;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ApiProblems.of(HttpStatus.NOT_FOUND, "not-found", detail));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ApiProblems.of(HttpStatus.CONFLICT, "illegal-state", detail));
    }

    public static ApiException invalid(String detail, List<ApiProblems.FieldProblem> errors) {
        return new ApiException(ApiProblems.invalid(detail, errors));
    }

    public ProblemDetail problem() {
        return problem;
    }
}
