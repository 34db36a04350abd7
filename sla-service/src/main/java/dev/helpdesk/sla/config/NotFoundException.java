package dev.helpdesk.sla.config;

/** An unknown resource, or one of another tenant (answered exactly alike): 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
