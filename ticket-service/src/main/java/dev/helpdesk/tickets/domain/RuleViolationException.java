package dev.helpdesk.tickets.domain;

/** A business rule forbids the command in the current state (HTTP 422). */
public class RuleViolationException extends DomainException {
    public RuleViolationException(String reason, String message) {
        super(reason, message);
    }
}
