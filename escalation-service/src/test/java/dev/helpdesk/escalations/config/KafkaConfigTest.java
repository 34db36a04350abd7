package dev.helpdesk.escalations.config;

import dev.helpdesk.escalations.inbound.InvalidRecordException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConfigTest {

    @Test
    void anUnreachableDatabaseIsTransientAlsoWhenWrappedByTheListener() {
        assertThat(KafkaConfig.isTransient(new ListenerExecutionFailedException("listener failed",
                new CannotCreateTransactionException("no connection", new SQLTransientConnectionException("timeout"))))).isTrue();
        assertThat(KafkaConfig.isTransient(new CannotGetJdbcConnectionException("refused"))).isTrue();
    }

    @Test
    void invalidRecordsAndBugsAreNotTransient() {
        assertThat(KafkaConfig.isTransient(new ListenerExecutionFailedException("listener failed",
                new InvalidRecordException("lacks data.ticketId")))).isFalse();
        assertThat(KafkaConfig.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
