package dev.helpdesk.budgets.config;

/** Answers 409: the request clashes with the current state. */
public class ConflictException extends RuntimeException {
    public ConflictException(String detail) {
        super(detail);
    }
}
