package dev.helpdesk.pipeline;

import dev.helpdesk.pipeline.inbound.Failures;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void anUnreachableDatabaseIsTransientEvenWrappedByTheListener() {
        RuntimeException wrapped = new IllegalStateException("listener failed",
                new CannotCreateTransactionException("no connection", new SQLTransientConnectionException("pool timeout")));
        assertThat(Failures.isTransient(wrapped)).isTrue();
        assertThat(Failures.isTransient(new CannotGetJdbcConnectionException("down"))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("connection refused", "08001")))).isTrue();
        assertThat(Failures.isTransient(new CannotAcquireLockException("deadlock"))).isTrue();
    }

    @Test
    void aRefusedRowOrABrokenRuleIsNot() {
        assertThat(Failures.isTransient(new DataIntegrityViolationException("duplicate",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isFalse();
        assertThat(Failures.isTransient(new IllegalStateException("ticket t does not exist"))).isFalse();
    }

    @Test
    void describesTheInnermostCauseOnOneShortLine() {
        String reason = Failures.describe(new IllegalStateException("outer",
                new SQLException("ERROR: value too long\n  Detail: something", "22001")));
        assertThat(reason).isEqualTo("SQLException: ERROR: value too long");
        assertThat(Failures.describe(new RuntimeException("x".repeat(5_000)))).hasSize(1_000);
    }
}
