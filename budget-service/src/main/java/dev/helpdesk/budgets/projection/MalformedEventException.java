package dev.helpdesk.budgets.projection;

/** A record that cannot be parsed or breaks the published contract; it is set aside as a dead letter. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String reason) {
        super(reason);
    }
}
