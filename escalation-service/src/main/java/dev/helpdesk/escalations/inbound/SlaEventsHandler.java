package dev.helpdesk.escalations.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.escalations.escalation.EscalationService;
import dev.helpdesk.events.ReceivedEvent;
import dev.helpdesk.events.ReceivedEvents;
import dev.helpdesk.events.UnreadableEventException;
import dev.helpdesk.pipeline.inbound.EventHandler;
import dev.helpdesk.pipeline.inbound.InboundBatch;
import org.springframework.stereotype.Component;

import java.util.List;

/** What escalation does with {@code helpdesk.sla.v1}: breaches and warnings may raise a level; other types are skipped. */
@Component
public class SlaEventsHandler implements EventHandler {

    private final ObjectMapper json;
    private final EscalationService escalations;

    public SlaEventsHandler(ObjectMapper json, EscalationService escalations) {
        this.json = json;
        this.escalations = escalations;
    }

    @Override
    public boolean handles(String type) {
        return SlaBreachedData.TYPE.equals(type) || SlaWarningReachedData.TYPE.equals(type);
    }

    @Override
    public Object decode(ReceivedEvent event) {
        if (SlaBreachedData.TYPE.equals(event.type())) {
            return ReceivedEvents.data(json, event, SlaBreachedData.class, List.of("ticketId", "organizationId"));
        }
        SlaWarningReachedData warning = ReceivedEvents.data(json, event, SlaWarningReachedData.class,
                List.of("ticketId", "organizationId", "thresholdPercent"));
        if (warning.thresholdPercent() < 1 || warning.thresholdPercent() > 100) {
            throw new UnreadableEventException("data.thresholdPercent must be between 1 and 100");
        }
        return warning;
    }

    @Override
    public void apply(InboundBatch batch) {
        batch.forEach(event -> {
            if (event.data() instanceof SlaBreachedData e) {
                escalations.onSlaBreach(e.ticketId(), e.organizationId(), e.severity());
            } else if (event.data() instanceof SlaWarningReachedData e) {
                escalations.onSlaWarning(e.ticketId(), e.organizationId(), e.severity(), e.thresholdPercent());
            }
        });
    }
}
