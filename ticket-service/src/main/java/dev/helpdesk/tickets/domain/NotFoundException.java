package dev.helpdesk.tickets.domain;

/** The resource does not exist, or belongs to another tenant (HTTP 404). */
public class NotFoundException extends DomainException {
    public NotFoundException(String message) {
        super("not-found", message);
    }
}
