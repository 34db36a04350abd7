package dev.helpdesk.tickets.domain;

/**
 * A command refused by a rule. {@link #reason()} is a short stable code (metrics tag, problem type); the message is
 * written for the user who sent the command.
 */
public abstract class DomainException extends RuntimeException {

    private final String reason;

    protected DomainException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
