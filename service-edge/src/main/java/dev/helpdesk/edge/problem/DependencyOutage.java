package dev.helpdesk.edge.problem;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure caused by a dependency that is down (the database unreachable, refusing connections or shutting
 * down; no pooled connection within the pool's timeout) from a bug: the first is a 503 the caller may retry, the
 * second a 500. Walks the cause chain, so it sees through the wrappers of Spring, Hibernate and Axon.
 */
public final class DependencyOutage {

    /** SQLSTATE classes: connection exception (08), operator intervention such as a shutdown (57). */
    private static final Set<String> OUTAGE_STATE_CLASSES = Set.of("08", "57");
    /** The database does not accept connections ({@code ALLOW_CONNECTIONS false}, or starting up). */
    private static final Set<String> OUTAGE_STATES = Set.of("55000", "57P03");

    private DependencyOutage() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException || cause instanceof RecoverableDataAccessException
                    || cause instanceof QueryTimeoutException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5
                    && (OUTAGE_STATES.contains(sql.getSQLState())
                    || OUTAGE_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2)))) {
                return true;
            }
        }
        return false;
    }
}
