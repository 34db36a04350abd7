package dev.helpdesk.edge.problem;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyOutageTest {

    @Test
    void aPoolThatGaveNoConnectionInTimeIsAnOutage() {
        assertThat(DependencyOutage.isOutage(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
    }

    @Test
    void aServerShuttingDownOrRefusingTheDatabaseIsAnOutageEvenWrapped() {
        assertThat(DependencyOutage.isOutage(new IllegalStateException("command failed",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DependencyOutage.isOutage(new RuntimeException(
                new SQLException("database \"tickets\" is not currently accepting connections", "55000")))).isTrue();
        assertThat(DependencyOutage.isOutage(new SQLException("connection refused", "08001"))).isTrue();
    }

    @Test
    void aBugOrAConstraintIsNotAnOutage() {
        assertThat(DependencyOutage.isOutage(new NullPointerException())).isFalse();
        assertThat(DependencyOutage.isOutage(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
    }
}
