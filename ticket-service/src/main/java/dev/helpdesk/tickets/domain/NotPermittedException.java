package dev.helpdesk.tickets.domain;

/** The actor's role may not do this (HTTP 403). */
public class NotPermittedException extends DomainException {
    public NotPermittedException(String reason, String message) {
        super(reason, message);
    }
}
