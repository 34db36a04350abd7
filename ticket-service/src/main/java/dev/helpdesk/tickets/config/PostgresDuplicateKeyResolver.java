package dev.helpdesk.tickets.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.stereotype.Component;

import java.sql.SQLException;

/**
 * Recognises PostgreSQL's unique violation (SQLState 23505) anywhere in the cause chain. Axon's default resolver
 * only knows {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws; with this
 * one, two instances appending the same stream sequence get a {@code ConcurrencyException} (HTTP 409), not a 500.
 */
@Component
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
