package dev.helpdesk.tickets.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDuplicateKeyResolverTest {

    private final PersistenceExceptionResolver resolver = new PostgresDuplicateKeyResolver();

    @Test
    void recognisesAUniqueViolationInTheCauseChain() {
        Exception appendFailed = new RuntimeException("append failed", new SQLException("duplicate key value", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(appendFailed)).isTrue();
        assertThat(new JdbcSQLErrorCodesResolver().isDuplicateKeyViolation(appendFailed))
                .as("Axon's default does not know PostgreSQL's error, hence this resolver").isFalse();
    }

    @Test
    void otherFailuresAreNotConflicts() {
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(new SQLException("connection lost", "08006")))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("boom"))).isFalse();
    }
}
