package dev.helpdesk.tickets.config;

import dev.helpdesk.edge.CorrelationIdFilter;
import dev.helpdesk.pipeline.tracing.EventTracing;
import dev.helpdesk.pipeline.tracing.TraceHeaders;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Commands sent from an HTTP request carry who sent them ({@code actor}), the request's correlation id and its W3C
 * trace context (of the span current when the command is sent); Axon's correlation data providers copy them into the
 * metadata of every event the command causes, so the Kafka publisher, later and on another thread, continues the
 * request's trace (docs/observability.md).
 */
@Component
class CommandMetaDataStamp implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final EventTracing tracing;

    CommandMetaDataStamp(CommandBus commandBus, EventTracing tracing) {
        this.tracing = tracing;
        commandBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, message) -> {
            Map<String, Object> stamp = new HashMap<>();
            if (!message.getMetaData().containsKey(AxonConfig.ACTOR)) {
                Authentication user = SecurityContextHolder.getContext().getAuthentication();
                stamp.put(AxonConfig.ACTOR, user == null || !user.isAuthenticated() ? "system" : user.getName());
            }
            String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
            if (correlationId != null && !message.getMetaData().containsKey(AxonConfig.CORRELATION_ID)) {
                stamp.put(AxonConfig.CORRELATION_ID, correlationId);
            }
            if (!message.getMetaData().containsKey(AxonConfig.TRACEPARENT)) {
                TraceHeaders trace = tracing.current();
                if (trace != null) {
                    stamp.put(AxonConfig.TRACEPARENT, trace.traceparent());
                    if (trace.tracestate() != null) {
                        stamp.put(AxonConfig.TRACESTATE, trace.tracestate());
                    }
                }
            }
            return stamp.isEmpty() ? message : message.andMetaData(stamp);
        };
    }
}
