package dev.helpdesk.escalations.config;

import dev.helpdesk.escalations.inbound.DeadLetters;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Creates the topic this service produces, and decides what a failing record does. A transient failure (database
 * unreachable, lock timeout) is retried with back-off for as long as it lasts, so no valid record is lost to an
 * outage. Any other failure is retried a few times, then the record is set aside in {@code dead_letter} and its
 * partition moves on.
 */
@Configuration
public class KafkaConfig {

    @Bean
    NewTopic escalationsTopic(TopicNames topics) {
        return TopicBuilder.name(topics.escalations())
                .partitions(3)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetters deadLetters) {
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> deadLetters.setAside(record, failure),
                boundedBackOff());
        handler.setBackOffFunction((record, failure) -> isTransient(failure) ? untilItHeals() : boundedBackOff());
        return handler;
    }

    /** True when the failure, or one of its causes, says the database (or a lock) was unavailable for a while. */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static BackOff boundedBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(2_000);
        backOff.setMaxElapsedTime(5_000);
        return backOff;
    }

    private static BackOff untilItHeals() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }
}
