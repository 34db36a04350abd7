package dev.helpdesk.tickets.publishing;

import dev.helpdesk.tickets.config.AxonConfig;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

/**
 * The Kafka publisher's processor (docs/publishing.md): a tracking processor that takes up to
 * {@code helpdesk.tickets.publishing.batch-size} stored events at a time, without a transaction around the batch,
 * with a token store whose every operation is a short transaction of its own; and the event store's reader with its
 * extended gap check throttled.
 */
@Configuration
class PublishingConfig {

    @Bean
    PublisherTokens publisherTokens(DataSource dataSource, PlatformTransactionManager transactionManager,
                                            @Qualifier("serializer") Serializer serializer, TokenSchema schema,
                                            @Value("${helpdesk.tickets.instance-id:}") String instanceId) {
        String nodeId = (instanceId.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8)
                : instanceId) + "/publisher";
        JdbcTokenStore store = JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .serializer(serializer)
                .schema(schema)
                .nodeId(nodeId)
                .claimTimeout(Duration.ofSeconds(10))
                .contentType(byte[].class)
                .build();
        return new PublisherTokens(new PublisherTokenStore(store, transactionManager));
    }

    @Autowired
    void configurePublisher(EventProcessingConfigurer processing, ObjectProvider<PublisherTokens> tokens,
                            @Value("${helpdesk.tickets.publishing.batch-size:500}") int batchSize) {
        processing.registerTrackingEventProcessorConfiguration(AxonConfig.KAFKA_PUBLISHER, c -> TrackingEventProcessorConfiguration
                .forSingleThreadedProcessing()
                .andBatchSize(batchSize)
                .andInitialTrackingToken(StreamableMessageSource::createTailToken));
        processing.registerListenerInvocationErrorHandler(AxonConfig.KAFKA_PUBLISHER, c -> PropagatingErrorHandler.instance());
        processing.registerTransactionManager(AxonConfig.KAFKA_PUBLISHER, c -> NoTransactionManager.INSTANCE);
        processing.registerTokenStore(AxonConfig.KAFKA_PUBLISHER, c -> tokens.getObject().store());
    }

    /**
     * The event store: Axon's JDBC engine as Axon Spring Boot builds it, with larger read batches and the extended gap
     * check at most once per {@code helpdesk.tickets.event-store.extended-gap-check-interval}, reads without a
     * transaction of their own and writes in the Spring transaction (see {@link ThrottledGapCheckStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("serializer") Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          @Value("${helpdesk.tickets.event-store.batch-size:500}") int batchSize,
                                          @Value("${helpdesk.tickets.event-store.extended-gap-check-interval:PT10S}")
                                          Duration extendedGapCheckInterval) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(eventSchema)
                .batchSize(batchSize)
                .extendedGapCheckEnabled(false);
        return new ThrottledGapCheckStorageEngine(builder, extendedGapCheckInterval, transactionManager);
    }
}
