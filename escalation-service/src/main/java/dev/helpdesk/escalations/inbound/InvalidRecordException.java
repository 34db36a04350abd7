package dev.helpdesk.escalations.inbound;

/** A record that cannot be read or breaks the documented schema; it is set aside, never retried. */
public class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
