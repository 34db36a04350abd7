package dev.helpdesk.tickets.domain;

/**
 * A field of the command is invalid in a way only the domain can tell (HTTP 400 {@code invalid-request}, with the
 * field named), e.g. a time entry's work date that does not match its start instant in the organisation's zone.
 */
public class InvalidInputException extends DomainException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super("invalid-" + field, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
