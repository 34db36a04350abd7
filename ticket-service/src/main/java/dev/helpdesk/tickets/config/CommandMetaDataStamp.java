package dev.helpdesk.tickets.config;

import dev.helpdesk.edge.CorrelationIdFilter;
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
 * Commands sent from an HTTP request carry who sent them ({@code actor}) and the request's correlation id; Axon's
 * correlation data providers copy both into the metadata of every event the command causes.
 */
@Component
class CommandMetaDataStamp implements MessageDispatchInterceptor<CommandMessage<?>> {

    CommandMetaDataStamp(CommandBus commandBus) {
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
            return stamp.isEmpty() ? message : message.andMetaData(stamp);
        };
    }
}
