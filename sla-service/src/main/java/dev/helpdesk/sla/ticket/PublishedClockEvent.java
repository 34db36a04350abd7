package dev.helpdesk.sla.ticket;

import dev.helpdesk.events.sla.SlaBreachedEvent;
import dev.helpdesk.events.sla.SlaClockPausedEvent;
import dev.helpdesk.events.sla.SlaClockResumedEvent;
import dev.helpdesk.events.sla.SlaClockExemptedEvent;
import dev.helpdesk.events.sla.SlaClockStartedEvent;
import dev.helpdesk.events.sla.SlaExemptionReason;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaMetEvent;
import dev.helpdesk.events.sla.SlaMetric;
import dev.helpdesk.events.sla.SlaWarningReachedEvent;
import dev.helpdesk.sla.clock.ClockEvent;
import dev.helpdesk.sla.clock.SlaClock;
import java.time.Instant;

/** What happened to a ticket's clock in the published language of helpdesk.sla.v1 (sla-events): type, time, record. */
public record PublishedClockEvent(String type, Instant time, Object data) {

    public static PublishedClockEvent of(SlaTicket ticket, SlaClock clock, ClockEvent event) {
        String ticketId = ticket.ticketId();
        String organizationId = ticket.organizationId();
        SlaMetric metric = SlaMetric.valueOf(clock.metric().name());
        if (event instanceof ClockEvent.Started started) {
            return published(started.startedAt(), new SlaClockStartedEvent(ticketId, organizationId, metric,
                    clock.severity(), ticket.policyId(), started.startedAt(), started.dueAt()));
        } else if (event instanceof ClockEvent.Paused paused) {
            return published(paused.at(), new SlaClockPausedEvent(ticketId, organizationId, metric, clock.severity(),
                    paused.at(), paused.dueAt()));
        } else if (event instanceof ClockEvent.Resumed resumed) {
            return published(resumed.at(), new SlaClockResumedEvent(ticketId, organizationId, metric, clock.severity(),
                    resumed.at(), resumed.dueAt()));
        } else if (event instanceof ClockEvent.WarningReached warning) {
            return published(warning.at(), new SlaWarningReachedEvent(ticketId, organizationId, metric,
                    clock.severity(), warning.thresholdPercent(), warning.dueAt(), warning.at()));
        } else if (event instanceof ClockEvent.Breached breached) {
            return published(breached.breachedAt(), new SlaBreachedEvent(ticketId, organizationId, metric,
                    clock.severity(), breached.dueAt(), breached.breachedAt()));
        } else if (event instanceof ClockEvent.Exempted exempted) {
            return published(exempted.at(), new SlaClockExemptedEvent(ticketId, organizationId, metric,
                    SlaExemptionReason.valueOf(exempted.reason().name()), exempted.note(), exempted.by(),
                    exempted.at()));
        }
        ClockEvent.Met met = (ClockEvent.Met) event;
        return published(met.metAt(), new SlaMetEvent(ticketId, organizationId, metric, clock.severity(), met.dueAt(),
                met.metAt()));
    }

    private static PublishedClockEvent published(Instant time, Object data) {
        return new PublishedClockEvent(SlaEventTypes.typeOf(data.getClass()).orElseThrow(), time, data);
    }
}
