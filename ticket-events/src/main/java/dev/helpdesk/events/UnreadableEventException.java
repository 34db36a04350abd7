package dev.helpdesk.events;

/** A record value that is not a readable helpdesk event, or whose data breaks its type's schema. Never retried. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }
}
