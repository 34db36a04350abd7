package dev.helpdesk.tickets.config;

/** Input that fails validation outside bean validation (HTTP 400 with one field error). */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
