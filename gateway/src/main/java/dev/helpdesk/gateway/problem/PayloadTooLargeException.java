package dev.helpdesk.gateway.problem;

/** A request body grew past the configured limit while it was streamed to a service. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException() {
        super("request body over the limit", null, false, false);
    }
}
