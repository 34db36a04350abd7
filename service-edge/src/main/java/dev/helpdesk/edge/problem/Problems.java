package dev.helpdesk.edge.problem;

import org.springframework.http.ProblemDetail;

import java.util.List;

/** Builds the RFC 9457 body of a catalogue entry: {@code type, title, status, detail} and, when given, {@code reason} and {@code errors}. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        return of(type, detail, null, null);
    }

    public static ProblemDetail of(ProblemType type, String detail, String reason, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (reason != null) {
            problem.setProperty("reason", reason);
        }
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
