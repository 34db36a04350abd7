package dev.helpdesk.tickets.config;

/** The upload is larger than the configured limit (HTTP 413). */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String message) {
        super(message, null, false, false);
    }
}
