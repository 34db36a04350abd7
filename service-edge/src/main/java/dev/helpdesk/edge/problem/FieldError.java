package dev.helpdesk.edge.problem;

/** One invalid field (or parameter, or header) of a request, as listed in a problem's {@code errors}. */
public record FieldError(String field, String message) {
}
