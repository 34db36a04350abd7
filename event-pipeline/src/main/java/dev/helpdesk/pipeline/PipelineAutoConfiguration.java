package dev.helpdesk.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.pipeline.inbound.DeadLetters;
import dev.helpdesk.pipeline.inbound.Failures;
import dev.helpdesk.pipeline.inbound.InboundPipeline;
import dev.helpdesk.pipeline.inbound.InboundProperties;
import dev.helpdesk.pipeline.inbound.ProcessedEventRetention;
import dev.helpdesk.pipeline.inbound.ProcessedEvents;
import dev.helpdesk.pipeline.inbound.TopicListeners;
import dev.helpdesk.pipeline.membership.ContactMembershipHandler;
import dev.helpdesk.pipeline.outbox.OutboxProperties;
import dev.helpdesk.pipeline.outbox.OutboxRelay;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.pipeline.replay.ProjectionReplays;
import dev.helpdesk.pipeline.replay.RebuildTarget;
import dev.helpdesk.pipeline.replay.ReplayLog;
import dev.helpdesk.pipeline.replay.ReplayMeters;
import org.springframework.kafka.core.ConsumerFactory;
import java.util.List;
import dev.helpdesk.pipeline.tracing.EventTracing;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import javax.sql.DataSource;

/**
 * The event pipeline of a service: an {@link InboundPipeline} for its batch listeners (and the container error
 * handler that retries transient failures), and, with {@code helpdesk.pipeline.outbox.enabled=true}, an
 * {@link OutboxWriter} and its {@link OutboxRelay}. The service's schema owns the tables (see docs/event-pipeline.md).
 */
@AutoConfiguration(after = {JacksonAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class},
        before = KafkaAutoConfiguration.class)
@ConditionalOnBean({JdbcTemplate.class, PlatformTransactionManager.class})
@EnableConfigurationProperties({OutboxProperties.class, InboundProperties.class})
public class PipelineAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeadLetters pipelineDeadLetters(JdbcTemplate jdbc, ObjectProvider<MeterRegistry> meters) {
        return new DeadLetters(jdbc, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEvents pipelineProcessedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    /** Forgets applied event ids past their retention (a no-op where the schema has no processed_event). */
    @Bean
    @ConditionalOnMissingBean
    ProcessedEventRetention processedEventRetention(JdbcTemplate jdbc, InboundProperties properties) {
        return new ProcessedEventRetention(jdbc, properties);
    }

    /**
     * Trace context across Kafka (docs/observability.md), with the service's Micrometer {@link Tracer} and
     * {@link Propagator} (W3C through the OpenTelemetry bridge); a no-op where the service has none.
     */
    @Bean
    @ConditionalOnMissingBean
    EventTracing pipelineEventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer theTracer = tracer.getIfAvailable();
        Propagator thePropagator = propagator.getIfAvailable();
        return theTracer == null || thePropagator == null || theTracer == Tracer.NOOP ? EventTracing.NOOP
                : new EventTracing(theTracer, thePropagator);
    }

    @Bean
    @ConditionalOnMissingBean
    InboundPipeline inboundPipeline(ObjectMapper json, PlatformTransactionManager transactions, ProcessedEvents processed,
                                    DeadLetters deadLetters, InboundProperties properties, EventTracing tracing,
                                    ObjectProvider<MeterRegistry> meters) {
        return new InboundPipeline(json, new TransactionTemplate(transactions), processed, deadLetters, properties,
                tracing, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** The service's listeners of its topics, each through the pipeline (the membership's handler when it keeps one). */
    @Bean
    @ConditionalOnMissingBean
    TopicListeners topicListeners(Environment environment, InboundPipeline pipeline,
                                  ObjectProvider<ContactMembershipHandler> membership) {
        return new TopicListeners(environment, pipeline, membership.getIfAvailable());
    }

    /**
     * What reaches the container is transient (the pipeline sets aside what can never be applied): the poll is
     * retried with back-off, for as long as the outage lasts, and never set aside.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler pipelineErrorHandler(InboundProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.transientBackOff().toMillis(), 2.0);
        backOff.setMaxInterval(properties.transientMaxPause().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.setRetryListeners((record, failure, attempt) -> {
            if (!Failures.isTransient(failure)) {
                org.slf4j.LoggerFactory.getLogger(PipelineAutoConfiguration.class)
                        .error("Unexpected failure reached the listener container (attempt {}): {}", attempt,
                                Failures.describe(failure));
            }
        });
        return handler;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "helpdesk.pipeline.outbox.enabled", havingValue = "true")
    OutboxRelay outboxRelay(DataSource dataSource, KafkaTemplate<String, String> kafka, OutboxProperties properties,
                            ObjectProvider<MeterRegistry> meters, EventTracing tracing) {
        return new OutboxRelay(dataSource, kafka, properties, meters.getIfAvailable(SimpleMeterRegistry::new), tracing);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "helpdesk.pipeline.outbox.enabled", havingValue = "true")
    OutboxWriter outboxWriter(JdbcTemplate jdbc, ObjectMapper json, OutboxRelay relay,
                              @Value("${helpdesk.pipeline.source:/${spring.application.name:service}}") String source,
                              EventTracing tracing) {
        return new OutboxWriter(jdbc, json, source, relay, tracing);
    }

    @Bean
    @ConditionalOnMissingBean
    ReplayLog replayLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new ReplayLog(jdbc, new TransactionTemplate(transactions));
    }

    /** The replays of the service's projections, when it declares what can be rebuilt (docs/replays.md). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(RebuildTarget.class)
    ProjectionReplays projectionReplays(ReplayLog replays, List<RebuildTarget> targets,
                                        ObjectProvider<ConsumerFactory<?, ?>> consumers, JdbcTemplate jdbc,
                                        PlatformTransactionManager transactions, ObjectProvider<MeterRegistry> meters,
                                        @Value("${helpdesk.pipeline.replay.max-poll-records:2000}") int maxPollRecords) {
        meters.ifAvailable(registry -> ReplayMeters.register(registry, jdbc,
                targets.stream().map(RebuildTarget::projection).toList()));
        return new ProjectionReplays(replays, targets, () -> consumers.getObject().getConfigurationProperties(), jdbc,
                new TransactionTemplate(transactions), maxPollRecords);
    }
}
