package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.ticket.CommentAddedEvent;
import dev.helpdesk.sla.support.Api;
import dev.helpdesk.sla.support.MutableClock;
import dev.helpdesk.sla.support.TicketEvents;
import dev.helpdesk.testsupport.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The sla-clocks replay (docs/replays.md) through the HTTP API, on a fixed clock: the rebuilt generation holds, field
 * by field, what the live path built, while tickets are read and new ones written during the replay; nothing is
 * published by it; one replay at a time; a cancelled replay leaves the served clocks as they were.
 */
@Import(SlaReplayTest.FixedClock.class)
@TestPropertySource(properties = {"helpdesk.sla.timers.fallback-interval=PT0.2S",
        "helpdesk.pipeline.replay.max-poll-records=100"})
class SlaReplayTest extends SlaServiceTestBase {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-16T08:00:00Z"));
    static final String ANALYST = TestTokens.analyst("analyst-1");
    static final String REPLAYS = "/api/admin/sla/replays";

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return CLOCK;
        }
    }

    @Test
    void aReplayRebuildsTheClocksAsTheLivePathBuiltThemWhileReadsAndWritesGoOnAndPublishesNothing() {
        List<String> tickets = histories(40);
        filler(tickets, 6000);
        CLOCK.set(Instant.parse("2026-11-18T12:00:00Z"));
        awaitNoTimerDue();
        Map<String, List<Map<String, Object>>> live = state(tickets);
        Map<String, Long> published = outboxByTicket(tickets);

        Api.Answer started = api.post(REPLAYS, ANALYST, Map.of("projection", "sla-clocks"));
        assertThat(started.status()).isEqualTo(202);
        String id = started.body().get("id").asText();
        assertThat(started.text()).contains("\"state\":\"RUNNING\"");

        List<String> written = new ArrayList<>();
        int writesWhileRunning = 0;
        int readsWhileRunning = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (progress(id).get("state").asText().equals("RUNNING") && System.nanoTime() < deadline) {
            String ticketId = TicketEvents.newId();
            events.opened(ticketId, "org-dedicated", Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC",
                    TicketType.INCIDENT, Severity.S2, Instant.parse("2026-11-18T11:00:00Z"));
            events.status(ticketId, TicketStatus.NEW, TicketStatus.WAITING_ON_CUSTOMER,
                    Instant.parse("2026-11-18T11:30:00Z"));
            written.add(ticketId);
            String read = tickets.get(readsWhileRunning % tickets.size());
            Api.Answer answer = api.get("/api/sla/tickets/" + read, AGENT);
            assertThat(answer.status()).as("read during the replay").isEqualTo(200);
            assertThat(answer.body().get("clocks").size()).as("with or without a next reply").isBetween(2, 3);
            readsWhileRunning++;
            if (progress(id).get("state").asText().equals("RUNNING")) {
                writesWhileRunning++;
            }
        }
        JsonNode finished = progress(id);
        assertThat(finished.get("state").asText()).as("%s", finished).isEqualTo("COMPLETED");
        assertThat(writesWhileRunning).as("writes while the replay ran").isPositive();
        assertThat(finished.get("done").asLong()).isGreaterThanOrEqualTo(finished.get("total").asLong());
        assertThat(finished.get("percent").asInt()).isEqualTo(100);

        assertThat(state(tickets)).as("rebuilt = live, field by field").isEqualTo(live);
        assertThat(outboxByTicket(tickets)).as("nothing published by the replay").isEqualTo(published);
        for (String ticketId : written) {
            awaitClock(ticketId, "RESOLUTION", state("PAUSED"));
            assertThat(outboxCount(ticketId, "helpdesk.sla.clock-started.v1")).as("started once: %s", ticketId)
                    .isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM clock_segment WHERE ticket_id = ?", Long.class,
                    ticketId)).as("history of %s", ticketId).isEqualTo(3);
        }
        assertThat(jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'sla_rebuild%'"))
                .as("the old generation and the replay's schema are dropped").isEmpty();
    }

    @Test
    void aSecondReplayWhileOneRunsIsAConflictAndACancelledOneLeavesTheServedClocks() {
        List<String> tickets = histories(10);
        filler(tickets, 8000);
        awaitNoTimerDue();
        Map<String, List<Map<String, Object>>> live = state(tickets);

        assertThat(api.post(REPLAYS, AGENT, Map.of("projection", "sla-clocks")).status()).isEqualTo(403);
        Api.Answer unknown = api.post(REPLAYS, ANALYST, Map.of("projection", "budgets"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).contains("application/problem+json");

        Api.Answer first = api.post(REPLAYS, ADMIN, Map.of("projection", "sla-clocks"));
        assertThat(first.status()).isEqualTo(202);
        String id = first.body().get("id").asText();
        Api.Answer second = api.post(REPLAYS, ANALYST, Map.of("projection", "sla-clocks"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("replayId").asText()).isEqualTo(id);
        assertThat(second.contentType()).contains("application/problem+json");

        // the roles of the shared controller hold for the service's overriding start and cancel too
        assertThat(api.delete(REPLAYS + "/" + id, AGENT).status()).isEqualTo(403);
        Api.Answer cancelled = api.delete(REPLAYS + "/" + id, ANALYST);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("state").asText()).isEqualTo("CANCELLED");
        assertThat(api.delete(REPLAYS + "/" + id, ANALYST).status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'sla_rebuild%'")).isEmpty());
        assertThat(state(tickets)).isEqualTo(live);
        assertThat(progress(id).get("state").asText()).isEqualTo("CANCELLED");
        assertThat(api.get(REPLAYS + "/" + UUID.randomUUID(), ANALYST).status()).isEqualTo(404);
        assertThat(api.get(REPLAYS + "/not-an-id", ANALYST).status()).isEqualTo(404);
    }

    /**
     * Exemptions are this service's own commands, not ticket events: a replay of the ticket history applies them
     * again where they happened, before the ticket's later events (a RESOLUTION exempted, then the ticket resolved)
     * or at its switch (a NEXT_REPLY exempted after its ticket's last event), and publishes nothing.
     */
    @Test
    void aReplayKeepsTheExemptionsWhereTheyHappened() {
        // on the clock as the other tests leave it (set back, it would hold the timer loop until it came round again)
        Instant now = CLOCK.instant();
        String organizationId = "org-exempt-" + UUID.randomUUID();
        events.registered(organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC");
        Instant opened = now.minus(Duration.ofHours(1));
        String resolved = TicketEvents.newId();
        String nextReply = TicketEvents.newId();
        for (String ticketId : List.of(resolved, nextReply)) {
            events.opened(ticketId, organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC",
                    TicketType.INCIDENT, Severity.S3, opened);
        }
        List<String> ids = new ArrayList<>();
        ids.add(events.comment(nextReply, ActorKind.STAFF, Visibility.PUBLIC, opened.plusSeconds(600)));
        ids.add(events.comment(nextReply, ActorKind.CONTACT, Visibility.PUBLIC, opened.plusSeconds(1200)));
        awaitApplied(ids);
        awaitClock(nextReply, "NEXT_REPLY", state("RUNNING"));
        awaitClock(resolved, "RESOLUTION", state("RUNNING"));

        assertThat(api.post("/api/sla/tickets/" + resolved + "/exemptions", AGENT, Map.of("metric", "RESOLUTION",
                "reason", "CLIENT_CONFIGURATION", "note", "their proxy")).status()).isEqualTo(201);
        assertThat(api.post("/api/sla/tickets/" + nextReply + "/exemptions", AGENT, Map.of("metric", "NEXT_REPLY",
                "reason", "CUSTOMER_ASKED_TO_WAIT", "note", "back on Monday")).status()).isEqualTo(201);
        awaitApplied(List.of(events.status(resolved, TicketStatus.NEW, TicketStatus.RESOLVED,
                now.plus(Duration.ofMinutes(30)))));
        awaitClock(resolved, "FIRST_RESPONSE", state("MET"));
        List<String> tickets = List.of(resolved, nextReply);
        Map<String, List<Map<String, Object>>> live = state(tickets);
        Map<String, Long> published = outboxByTicket(tickets);

        Api.Answer started = api.post(REPLAYS, ANALYST, Map.of("projection", "sla-clocks"));
        assertThat(started.status()).isEqualTo(202);
        String id = started.body().get("id").asText();
        await().atMost(Duration.ofSeconds(120)).until(() -> !progress(id).get("state").asText().equals("RUNNING"));

        assertThat(progress(id).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(state(tickets)).as("rebuilt = live, exemptions included").isEqualTo(live);
        assertThat(clockOf(api.get("/api/sla/tickets/" + resolved, AGENT).body(), "RESOLUTION").get("state").asText())
                .isEqualTo("EXEMPTED");
        assertThat(clockOf(api.get("/api/sla/tickets/" + nextReply, AGENT).body(), "NEXT_REPLY").get("exemption")
                .get("reason").asText()).isEqualTo("CUSTOMER_ASKED_TO_WAIT");
        assertThat(outboxByTicket(tickets)).as("nothing published by the replay").isEqualTo(published);
    }

    /** Tickets with varied lives (24x7 and business hours, met, paused, re-targeted, resolved, reopened, next replies). */
    private List<String> histories(int count) {
        String paris = "org-paris-" + UUID.randomUUID();
        events.registered(paris, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "Europe/Paris");
        List<String> tickets = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Instant base = Instant.parse("2026-11-16T08:00:00Z");
        for (int i = 0; i < count; i++) {
            String ticketId = TicketEvents.newId();
            tickets.add(ticketId);
            Instant opened = base.plus(Duration.ofMinutes(7L * i));
            // openings are applied idempotently, without a processed_event row: awaited by their tickets below
            if (i % 2 == 0) {
                events.opened(ticketId, paris, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "Europe/Paris",
                        TicketType.INCIDENT, Severity.values()[i % 3], opened);
            } else {
                events.opened(ticketId, "org-dedicated", Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC",
                        TicketType.QUERY, Severity.values()[1 + i % 3], opened);
            }
            if (i % 3 == 0) {
                ids.add(events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, opened.plusSeconds(1800)));
                // next replies: one met, others left running (then paused, re-targeted or met by resolving)
                ids.add(events.comment(ticketId, ActorKind.CONTACT, Visibility.PUBLIC, opened.plusSeconds(2400)));
                if (i % 2 == 0) {
                    ids.add(events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, opened.plusSeconds(3000)));
                }
            }
            if (i % 4 == 1) {
                ids.add(events.status(ticketId, TicketStatus.NEW, TicketStatus.WAITING_ON_CUSTOMER,
                        opened.plusSeconds(3600)));
                ids.add(events.status(ticketId, TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.IN_PROGRESS,
                        opened.plusSeconds(9000)));
            }
            if (i % 5 == 2) {
                ids.add(events.severity(ticketId, Severity.S3, Severity.S1, opened.plusSeconds(5400)));
            }
            if (i % 6 == 3) {
                ids.add(events.status(ticketId, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED,
                        opened.plusSeconds(12_000)));
                ids.add(events.reopened(ticketId, opened.plusSeconds(20_000)));
            }
        }
        awaitApplied(ids);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ticket WHERE ticket_id::text = ANY (?)", Long.class,
                (Object) tickets.toArray(String[]::new)) == tickets.size());
        return tickets;
    }

    /**
     * Records the clocks take no action on (internal notes: a contact's public comment now starts a next reply), so
     * that a replay has a history to read a while. They are keyed by one ticket, not by their own.
     */
    private void filler(List<String> tickets, int count) {
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        List<String> values = new ArrayList<>();
        String last = null;
        for (int i = 0; i < count; i++) {
            String ticketId = tickets.get(i % tickets.size());
            String eventId = TicketEvents.newId();
            last = eventId;
            values.add(envelope(eventId, ticketId, new CommentAddedEvent(ticketId, TicketEvents.newId(), "contact-1",
                    ActorKind.STAFF, Visibility.INTERNAL, "still there?", at)));
        }
        events.sendAllRaw(tickets.get(0), values);
        awaitApplied(List.of(last));
    }

    private static String envelope(String eventId, String key, Object data) {
        try {
            return TicketEvents.JSON.writeValueAsString(new dev.helpdesk.events.EventEnvelope<>(
                    dev.helpdesk.events.EventEnvelope.SPEC_VERSION, eventId,
                    dev.helpdesk.events.EventTypes.typeOf(data.getClass()).orElseThrow(), "/ticket-service", key,
                    Instant.now(), dev.helpdesk.events.EventEnvelope.DATA_CONTENT_TYPE, "Ticket", 0, null, "tester",
                    null, data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitApplied(List<String> eventIds) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ANY (?)", Long.class,
                (Object) eventIds.toArray(String[]::new)) == eventIds.size());
    }

    private void awaitNoTimerDue() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM clock WHERE next_timer_at <= ?", Long.class,
                java.sql.Timestamp.from(CLOCK.instant())) == 0);
    }

    private JsonNode progress(String id) {
        Api.Answer answer = api.get(REPLAYS + "/" + id, ANALYST);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    /** Tickets, clocks and clock history of these tickets, every column (history without its row id), as text. */
    private Map<String, List<Map<String, Object>>> state(List<String> tickets) {
        Object ids = tickets.toArray(String[]::new);
        Map<String, List<Map<String, Object>>> state = new TreeMap<>();
        state.put("ticket", text(jdbc.queryForList("SELECT * FROM ticket WHERE ticket_id = ANY (?) ORDER BY ticket_id",
                ids)));
        state.put("clock", text(jdbc.queryForList(
                "SELECT * FROM clock WHERE ticket_id = ANY (?) ORDER BY ticket_id, metric", ids)));
        state.put("clock_segment", text(jdbc.queryForList("""
                SELECT ticket_id, metric, kind, at, reason, previous_severity, severity, state, target_ms, started_at,
                    due_at, paused_at, paused_for_ms, met_at, breached_at
                FROM clock_segment WHERE ticket_id = ANY (?) ORDER BY ticket_id, metric, at, kind, state""", ids)));
        assertThat(state.get("clock").stream().filter(row -> !"NEXT_REPLY".equals(row.get("metric"))))
                .hasSize(2 * tickets.size()); // and the next replies some have
        return state;
    }

    private static List<Map<String, Object>> text(List<Map<String, Object>> rows) {
        List<Map<String, Object>> texts = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> text = new TreeMap<>();
            for (Entry<String, Object> column : row.entrySet()) {
                text.put(column.getKey(), String.valueOf(column.getValue()));
            }
            texts.add(text);
        }
        return texts;
    }

    private Map<String, Long> outboxByTicket(List<String> tickets) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT record_key, count(*) FROM outbox WHERE record_key = ANY (?) GROUP BY record_key",
                row -> {
                    counts.put(row.getString(1), row.getLong(2));
                }, (Object) tickets.toArray(String[]::new));
        return counts;
    }
}
