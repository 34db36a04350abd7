package dev.helpdesk.sla.ticket;

import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.events.golden.GoldenEvents;
import dev.helpdesk.events.sla.SlaCalendarChangedEvent;
import dev.helpdesk.events.sla.SlaEventTypes;
import dev.helpdesk.events.sla.SlaOrganizationPolicyAssignedEvent;
import dev.helpdesk.events.sla.SlaPolicyChangedEvent;
import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.sla.clock.ClockEvent;
import dev.helpdesk.sla.clock.ClockState;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.testsupport.ServiceJson;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service writes to its outbox has the shape of sla-events' golden JSON, type by type. */
class PublishedSlaEventsTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00.120Z");
    private static final OutboxWriter OUTBOX = new OutboxWriter(new JdbcTemplate(), ServiceJson.objectMapper(),
            "/sla-service", () -> { });
    private static final Instant DUE = Instant.parse("2026-11-23T10:00:00.120Z");

    private final SlaTicket ticket = new SlaTicket("t-1", "o-1", TicketType.INCIDENT, Severity.S1, TicketStatus.NEW,
            "standard", 1, "business-hours", ZoneOffset.UTC, Map.of(), List.of(75, 90), START);
    private final SlaClock clock = new SlaClock("t-1", Metric.FIRST_RESPONSE, Severity.S1, ClockState.RUNNING,
            Duration.ofHours(1), START, DUE, null, null, null, null, List.of(75, 90), new TreeSet<>());

    @Test
    void everyClockEventIsWrittenInTheShapeOfItsGoldenJson() {
        List<ClockEvent> happenings = List.of(new ClockEvent.Started(START, DUE), new ClockEvent.Paused(START, DUE),
                new ClockEvent.Resumed(START, DUE), new ClockEvent.WarningReached(90, START, DUE),
                new ClockEvent.Breached(DUE, DUE), new ClockEvent.Met(DUE, START));
        List<String> written = new ArrayList<>();

        for (ClockEvent happening : happenings) {
            PublishedClockEvent published = PublishedClockEvent.of(ticket, clock, happening);
            String payload = OUTBOX.payload(new OutboxEvent(SlaEventTypes.TOPIC, "t-1", ClockRecorder.AGGREGATE_TYPE,
                    published.type(), published.time(), "system", "c-1", published.data()), "e-1", 0, "c-1");
            GoldenEvents.assertSameShape(published.type(), GoldenEvents.tree(payload),
                    GoldenEvents.envelope(published.type()));
            written.add(published.type());
        }

        for (Object settings : List.of(new SlaPolicyChangedEvent("extended-plus", 3),
                new SlaCalendarChangedEvent("business-hours", 4),
                new SlaOrganizationPolicyAssignedEvent("o-1", "extended-plus"))) {
            String type = SlaEventTypes.typeOf(settings.getClass()).orElseThrow();
            String payload = OUTBOX.payload(new OutboxEvent(SlaEventTypes.TOPIC, "policy/p", "SlaPolicy", type, START,
                    null, "c-1", settings), "e-1", 0, "c-1");
            GoldenEvents.assertSameShape(type, GoldenEvents.tree(payload), GoldenEvents.envelope(type));
            written.add(type);
        }

        assertThat(written).containsExactlyInAnyOrderElementsOf(SlaEventTypes.all().keySet());
    }
}
