package dev.helpdesk.tickets.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC event store and token store on the snake_case tables of the
 * Flyway migration V1; tracking processors that start at the tail of the store and retry failed events instead of
 * skipping them; the ticket view also applied in the command's own transaction; the actor, correlation id and trace
 * context of each command carried into its events' metadata.
 */
@Configuration
public class AxonConfig {

    public static final String ACTOR = "actor";
    /** The request's X-Correlation-Id (Axon's own "correlationId" key names the causing message instead). */
    public static final String CORRELATION_ID = "requestCorrelationId";
    /** The W3C trace context of the work that sent the command (docs/observability.md). */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String VIEWS = "views";
    /** The ticket view applied in the command's own transaction (read-your-writes without waiting). */
    public static final String INLINE_VIEWS = "inline-views";
    public static final String KAFKA_PUBLISHER = "kafka-publisher";
    /** Events the views tracking processor handles in one transaction. */
    static final int VIEWS_BATCH_SIZE = 100;

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Token claims name this instance uniquely (Axon's default, the JVM's pid@host, is shared by two instances in one
     * JVM and collides on hosts where every container is pid 1 with the same name); claims expire after 10 s.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connections, @Qualifier("serializer") Serializer serializer, TokenSchema schema,
                          @Value("${helpdesk.tickets.instance-id:}") String instanceId) {
        String nodeId = instanceId.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8)
                : instanceId;
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(schema)
                .nodeId(nodeId)
                .claimTimeout(Duration.ofSeconds(10))
                .contentType(byte[].class)
                .build();
    }

    @Bean
    CorrelationDataProvider actorAndCorrelationProvider() {
        return new SimpleCorrelationDataProvider(ACTOR, CORRELATION_ID, TRACEPARENT, TRACESTATE);
    }

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        // the views: up to 100 events a transaction and token update; their handlers skip, with one read per batch,
        // the events the inline projection applied already (issue 15). KAFKA_PUBLISHER: batches without a
        // transaction, its own token store (publishing.PublishingConfig).
        for (String processor : List.of(VIEWS)) {
            int batchSize = VIEWS_BATCH_SIZE;
            processing.registerTrackingEventProcessorConfiguration(processor, c -> TrackingEventProcessorConfiguration
                    .forSingleThreadedProcessing()
                    .andBatchSize(batchSize)
                    .andInitialTrackingToken(StreamableMessageSource::createTailToken));
            processing.registerListenerInvocationErrorHandler(processor, c -> PropagatingErrorHandler.instance());
        }
        processing.registerSubscribingEventProcessor(INLINE_VIEWS);
        processing.registerListenerInvocationErrorHandler(INLINE_VIEWS, c -> PropagatingErrorHandler.instance());
    }
}
