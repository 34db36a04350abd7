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
import dev.helpdesk.sla.clock.ExemptionReason;
import dev.helpdesk.sla.calendar.CalendarDocument;
import dev.helpdesk.sla.calendar.SpanDocument;
import dev.helpdesk.sla.organization.OrganizationCalendarPublisher;
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
                new ClockEvent.Breached(DUE, DUE), new ClockEvent.Met(DUE, START),
                new ClockEvent.Exempted(DUE, ExemptionReason.CLIENT_CONFIGURATION, "The customer's own proxy",
                        "agent-1"));
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
                new SlaOrganizationPolicyAssignedEvent("o-1", "extended-plus"),
                OrganizationCalendarPublisher.event("o-1", new CalendarDocument("business-hours",
                        Map.of("MONDAY", List.of(new SpanDocument("09:00", "17:00")),
                                "FRIDAY", List.of(new SpanDocument("09:00", "13:00"))),
                        List.of("2026-12-26", "2026-12-25"), null, 3L), "Europe/Berlin", START))) {
            String type = SlaEventTypes.typeOf(settings.getClass()).orElseThrow();
            String payload = OUTBOX.payload(new OutboxEvent(SlaEventTypes.TOPIC, "policy/p", "SlaPolicy", type, START,
                    null, "c-1", settings), "e-1", 0, "c-1");
            GoldenEvents.assertSameShape(type, GoldenEvents.tree(payload), GoldenEvents.envelope(type));
            written.add(type);
        }

        assertThat(written).containsExactlyInAnyOrderElementsOf(SlaEventTypes.all().keySet());
    }

    @Test
    void aNextReplyClockIsPublishedWithItsMetric() {
        SlaClock nextReply = new SlaClock("t-1", Metric.NEXT_REPLY, Severity.S1, ClockState.RUNNING,
                Duration.ofHours(1), START, DUE, null, null, null, null, List.of(75, 90), new TreeSet<>());
        PublishedClockEvent published = PublishedClockEvent.of(ticket, nextReply, new ClockEvent.Started(START, DUE));
        String payload = OUTBOX.payload(new OutboxEvent(SlaEventTypes.TOPIC, "t-1", ClockRecorder.AGGREGATE_TYPE,
                published.type(), published.time(), "system", "c-1", published.data()), "e-1", 0, "c-1");

        GoldenEvents.assertSameShape(published.type(), GoldenEvents.tree(payload), GoldenEvents.envelope(published.type()));
        assertThat(GoldenEvents.tree(payload).path("data").path("metric").asText()).isEqualTo("NEXT_REPLY");
    }

    @Test
    void anOrganisationsCalendarIsPublishedWholeWithTheEndOfTheDayAsMidnight() {
        var event = OrganizationCalendarPublisher.event("o-1", new CalendarDocument("24x7",
                Map.of("SUNDAY", List.of(new SpanDocument("00:00", "24:00"))), List.of(), null, 1L), "UTC", START);
        String payload = OUTBOX.payload(new OutboxEvent(SlaEventTypes.TOPIC, OrganizationCalendarPublisher.stream("o-1"),
                OrganizationCalendarPublisher.AGGREGATE_TYPE, SlaEventTypes.ORGANIZATION_CALENDAR_CHANGED, START,
                "system", "c-1", event), "e-1", 0, "c-1");

        var data = GoldenEvents.tree(payload).path("data");
        assertThat(data.path("weeklyHours").path("SUNDAY").get(0).path("from").asText()).isEqualTo("00:00:00");
        assertThat(data.path("weeklyHours").path("SUNDAY").get(0).path("to").asText()).isEqualTo("00:00:00");
        assertThat(data.path("timeZone").asText()).isEqualTo("UTC");
        assertThat(GoldenEvents.tree(payload).path("subject").asText()).isEqualTo("organization/o-1");
    }
}
