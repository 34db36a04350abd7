package dev.helpdesk.tickets.escalation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.events.escalation.EscalationEventTypes;
import dev.helpdesk.events.escalation.EscalationRaisedEvent;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import dev.helpdesk.tickets.config.AxonConfig;
import dev.helpdesk.tickets.ticket.command.RecordEscalationLevelCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Records each escalation level the escalation service raises on the ticket's own stream. The aggregate is
 * idempotent (the same escalation and level twice records once), so the pipeline need not de-duplicate. A ticket
 * that does not exist, or a rule that refuses the record, is a refusal a retry cannot change: the pipeline sets the
 * record aside after its bounded tries.
 */
@Component
public class EscalationRaisedHandler implements EventHandler {

    private final CommandGateway commands;
    private final EscalationRaisedReader reader;

    EscalationRaisedHandler(CommandGateway commands, ObjectMapper json) {
        this.commands = commands;
        this.reader = new EscalationRaisedReader(json);
    }

    @Override
    public boolean handles(String type) {
        return EscalationEventTypes.RAISED.equals(type);
    }

    @Override
    public Object decode(ReceivedEvent event) {
        try {
            return reader.read(event.data());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(event.type() + ": " + e.getMessage());
        }
    }

    @Override
    public void apply(InboundBatch batch) {
        batch.forEach(event -> {
            EscalationRaisedEvent raised = (EscalationRaisedEvent) event.data();
            Map<String, Object> metaData = new HashMap<>();
            metaData.put(AxonConfig.ACTOR, "system");
            if (event.envelope().correlationId() != null) {
                metaData.put(AxonConfig.CORRELATION_ID, event.envelope().correlationId());
            }
            try {
                commands.sendAndWait(new GenericCommandMessage<>(new RecordEscalationLevelCommand(raised.ticketId(),
                        raised.escalationId(), raised.level(), raised.trigger(), raised.raisedAt()), MetaData.from(metaData)));
            } catch (AggregateNotFoundException e) {
                // Said in the ticket's terms, for whoever reads the dead letter.
                throw new IllegalStateException("ticket " + raised.ticketId() + " does not exist");
            }
        });
    }

    @Override
    public boolean deduplicates() {
        return false;
    }
}
