package dev.helpdesk.tickets.config;

/** The upload's content is of a kind the service does not accept (HTTP 415). */
public class UnsupportedContentException extends RuntimeException {
    public UnsupportedContentException(String message) {
        super(message, null, false, false);
    }
}
