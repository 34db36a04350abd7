package dev.helpdesk.tickets.domain;

/** The command does not fit the resource's current state, e.g. an illegal status transition (HTTP 409). */
public class StateConflictException extends DomainException {
    public StateConflictException(String reason, String message) {
        super(reason, message);
    }
}
