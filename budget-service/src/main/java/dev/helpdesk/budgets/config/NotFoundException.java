package dev.helpdesk.budgets.config;

/** Answers 404: unknown, or another tenant's (which must look the same). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
