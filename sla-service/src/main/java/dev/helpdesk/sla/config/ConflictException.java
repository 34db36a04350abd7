package dev.helpdesk.sla.config;

/** A write against a stale version ({@code If-Match}) or an illegal state change: 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
