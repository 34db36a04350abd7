package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.testsupport.ServiceApi.Answer;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.sla.SlaBusinessHours;
import dev.helpdesk.events.ticket.SeverityChangedEvent;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The escalations replay (docs/replays.md) through the HTTP API: escalations raised, acknowledged, closed, superseded
 * and advanced by their timers on the live path are rebuilt from the service's own topic and the ticket mirror from
 * the tickets topic, field by field, while escalations are read, raised and acknowledged; the replay publishes
 * nothing and fires no timer; one replay at a time; a cancelled replay leaves the served escalations as they were.
 */
@TestPropertySource(properties = "helpdesk.pipeline.replay.max-poll-records=50")
class EscalationReplayTest extends RunningService {

    static final String ANALYST = TestTokens.analyst("analyst-1");
    static final String ADMIN = TestTokens.admin("admin-1");
    static final String REPLAYS = "/api/admin/escalations/replays";

    @Test
    void aReplayRebuildsTheEscalationsAndTimersAsTheLivePathBuiltThemWhileReadsAndWritesGoOnAndPublishesNothing() {
        History history = histories(16);
        filler(history.tickets.get(0), 3000);
        Map<String, List<Map<String, Object>>> live = state(history);
        Map<String, Long> outbox = outboxByTicket(history.tickets);
        Map<String, Integer> expected = new TreeMap<>();
        history.tickets.forEach(ticket -> expected.put(ticket, escalations("?ticketId=" + ticket).size()));

        Answer started = api.post(REPLAYS, ANALYST, "{\"projection\": \"escalations\"}");
        assertThat(started.status()).isEqualTo(202);
        String id = started.body().get("id").asText();
        assertThat(started.header("Location")).isEqualTo(REPLAYS + "/" + id);
        assertThat(started.body().get("state").asText()).isEqualTo("RUNNING");

        String org = id();
        awaitProcessed(desk.organizationRegistered(org, Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", null));
        List<String> written = new ArrayList<>();
        List<String> acknowledged = new ArrayList<>();
        int writesWhileRunning = 0;
        int reads = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (progress(id).get("state").asText().equals("RUNNING") && System.nanoTime() < deadline) {
            String ticket = openTicket(org, Plan.STANDARD, Severity.S3);
            desk.escalationRequested(ticket, org, "contact-1");
            written.add(ticket);
            // the loop's condition read RUNNING just before these writes: written while the replay ran (counting
            // after the turn's reads and acknowledgement instead failed in CI when the replay ended within the turn)
            writesWhileRunning++;
            if (written.size() > 1) {
                String previous = written.get(written.size() - 2);
                // raised by the live path once its poll takes the request (up to the batching window later,
                // docs/event-pipeline.md), not necessarily within one turn of this loop
                List<JsonNode> raised = awaitEscalations(previous, 1);
                if (api.post("/api/escalations/" + raised.get(0).path("id").asText()
                        + "/acknowledgement", MANAGER, "{\"actionPlan\":\"on it\"}").status() == 200) {
                    acknowledged.add(previous);
                }
            }
            String read = history.tickets.get(reads % history.tickets.size());
            assertThat(escalations("?ticketId=" + read)).as("read during the replay: %s", read)
                    .hasSize(expected.get(read));
            reads++;
        }
        JsonNode finished = progress(id);
        assertThat(finished.get("state").asText()).as("%s", finished).isEqualTo("COMPLETED");
        assertThat(writesWhileRunning).as("writes while the replay ran").isPositive();
        assertThat(finished.get("percent").asInt()).isEqualTo(100);

        assertThat(state(history)).as("rebuilt = live, field by field").isEqualTo(live);
        assertThat(outboxByTicket(history.tickets)).as("nothing published by the replay").isEqualTo(outbox);
        for (String ticket : written) {
            List<JsonNode> raised = awaitEscalations(ticket, 1);
            assertThat(raised.get(0).path("state").asText()).as("%s", ticket)
                    .isEqualTo(acknowledged.contains(ticket) ? "ACKNOWLEDGED" : "OPEN");
            assertThat(outboxCount(ticket, "helpdesk.escalation.raised.v1")).as("raised once: %s", ticket).isEqualTo(1);
            assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM acknowledgement_timer a JOIN escalation e ON e.id = a.escalation_id
                    WHERE e.ticket_id = ? AND a.fired_at IS NULL""", Long.class, ticket))
                    .as("one pending timer: %s", ticket).isEqualTo(1);
        }
        assertThat(acknowledged).as("acknowledged during the replay").isNotEmpty();
        assertThat(jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'esc_rebuild%'"))
                .as("the replay's schema is dropped").isEmpty();
        // the rebuilt generation is served: the live path goes on writing it
        String after = openTicket(org, Plan.STANDARD, Severity.S3);
        desk.escalationRequested(after, org, "contact-1");
        awaitEscalations(after, 1);
    }

    @Test
    void aSecondReplayWhileOneRunsIsAConflictAndACancelledOneLeavesTheServedEscalations() {
        History history = histories(4);
        filler(history.tickets.get(0), 6000);
        Map<String, List<Map<String, Object>>> live = state(history);

        assertThat(api.post(REPLAYS, AGENT, "{\"projection\": \"escalations\"}").status()).isEqualTo(403);
        assertThat(api.post(REPLAYS, MANAGER, "{\"projection\": \"escalations\"}").status()).isEqualTo(403);
        Answer unknown = api.post(REPLAYS, ANALYST, "{\"projection\": \"sla-clocks\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(api.post(REPLAYS, ANALYST, "{}").status()).isEqualTo(400);

        Answer first = api.post(REPLAYS, ADMIN, "{\"projection\": \"escalations\"}");
        assertThat(first.status()).isEqualTo(202);
        String id = first.body().get("id").asText();
        Answer second = api.post(REPLAYS, ANALYST, "{\"projection\": \"escalations\"}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).contains("application/problem+json");
        assertThat(second.body().get("replayId").asText()).isEqualTo(id);
        assertThat(second.header("Location")).isEqualTo(REPLAYS + "/" + id);

        // the roles of the shared controller hold for the service's overriding start and cancel too
        assertThat(api.delete(REPLAYS + "/" + id, AGENT).status()).isEqualTo(403);
        assertThat(api.delete(REPLAYS + "/" + id, MANAGER).status()).isEqualTo(403);
        Answer cancelled = api.delete(REPLAYS + "/" + id, ANALYST);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("state").asText()).isEqualTo("CANCELLED");
        Answer again = api.delete(REPLAYS + "/" + id, ANALYST);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("reason").asText()).isEqualTo("replay-not-running");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'esc_rebuild%'")).isEmpty());
        assertThat(state(history)).isEqualTo(live);
        assertThat(progress(id).get("state").asText()).isEqualTo("CANCELLED");
        assertThat(api.get(REPLAYS + "/" + UUID.randomUUID(), ANALYST).status()).isEqualTo(404);
        assertThat(api.get(REPLAYS + "/not-an-id", ANALYST).status()).isEqualTo(404);
        assertThat(api.get(REPLAYS + "/" + id, AGENT).status()).isEqualTo(403);
    }

    @Test
    void theReplaysAreInTheOpenApiDocument() throws Exception {
        JsonNode document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);
        JsonNode replays = document.at("/paths/~1api~1admin~1escalations~1replays");
        assertThat(replays.at("/post/responses/409/content").has("application/problem+json")).isTrue();
        assertThat(replays.at("/post/requestBody").isMissingNode()).isFalse();
        JsonNode replay = document.at("/paths/~1api~1admin~1escalations~1replays~1{id}");
        assertThat(replay.has("get")).isTrue();
        assertThat(replay.at("/delete/responses/409/content").has("application/problem+json")).isTrue();
    }

    record History(List<String> organizations, List<String> tickets) {
    }

    /**
     * Tickets with varied escalations: requested and acknowledged; breached then resolved (closed); on the DEDICATED
     * plan (the named support manager, relationship manager from level 2) requested then breached (level 1
     * superseded); on an EXTENDED ladder of 2 s advanced by the timers to level 3 (all timers fired).
     */
    private History histories(int count) {
        Answer ladder = api.put("/api/escalations/ladders/EXTENDED", MANAGER, """
                {"levels": [
                  {"level": 1, "name": "Support services manager", "acknowledgeWithin": "PT2S"},
                  {"level": 2, "name": "Head of support", "acknowledgeWithin": "PT2S"},
                  {"level": 3, "name": "Executive sponsor", "acknowledgeWithin": "PT2S"}]}""");
        assertThat(ladder.status()).isEqualTo(200);
        String standard = id();
        String dedicated = id();
        String extended = id();
        List<EventEnvelope<Object>> sent = new ArrayList<>();
        sent.add(desk.organizationRegistered(standard, Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", null));
        sent.add(desk.organizationRegistered(dedicated, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "Europe/Paris",
                "Dana Scully"));
        sent.add(desk.organizationRegistered(extended, Plan.EXTENDED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", null));
        sent.forEach(this::awaitProcessed);
        List<String> tickets = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String ticket = id();
            tickets.add(ticket);
            switch (i % 4) {
                case 0 -> {
                    awaitProcessed(desk.ticketOpened(ticket, standard, Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN,
                            "UTC", Severity.S2));
                    desk.escalationRequested(ticket, standard, "contact-1");
                    String escalation = awaitEscalations(ticket, 1).get(0).path("id").asText();
                    assertThat(api.post("/api/escalations/" + escalation + "/acknowledgement", MANAGER,
                            "{\"actionPlan\":\"Senior engineer on it\"}").status()).isEqualTo(200);
                }
                case 1 -> {
                    awaitProcessed(desk.ticketOpened(ticket, standard, Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN,
                            "UTC", Severity.S1));
                    desk.slaBreached(ticket, standard, Severity.S1);
                    int raised = await().atMost(PATIENCE).until(() -> escalations("?ticketId=" + ticket).size(),
                            size -> size > 0);
                    awaitProcessed(desk.statusChanged(ticket, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED));
                    await().atMost(PATIENCE).until(() -> levelAndState(escalations("?ticketId=" + ticket)).stream()
                            .allMatch(state -> state.endsWith(":CLOSED")));
                    assertThat(escalations("?ticketId=" + ticket)).hasSize(raised);
                }
                case 2 -> {
                    awaitProcessed(desk.ticketOpened(ticket, dedicated, Plan.DEDICATED,
                            CalendarKind.TWENTY_FOUR_SEVEN, "Europe/Paris", Severity.S2));
                    desk.escalationRequested(ticket, dedicated, "contact-1");
                    awaitEscalations(ticket, 1);
                    awaitProcessed(desk.slaBreached(ticket, dedicated, Severity.S1));
                    awaitProcessed(desk.escalationRequested(ticket, dedicated, "contact-1"));
                }
                default -> {
                    awaitProcessed(desk.ticketOpened(ticket, extended, Plan.EXTENDED, CalendarKind.TWENTY_FOUR_SEVEN,
                            "UTC", Severity.S2));
                    desk.slaBreached(ticket, extended, Severity.S2);
                    timed.add(ticket);
                }
            }
        }
        // a published calendar (holidays today and tomorrow) moves an open deadline: no escalation event says so
        String calendared = id();
        String moved = openTicket(calendared, Plan.STANDARD, Severity.S3);
        tickets.add(moved);
        desk.escalationRequested(moved, calendared, "contact-1");
        JsonNode raised = awaitEscalations(moved, 1).get(0);
        LocalDate today = Instant.parse(raised.path("raisedAt").asText()).atZone(ZoneOffset.UTC).toLocalDate();
        awaitProcessed(desk.organizationCalendarChanged(calendared, 1, "UTC", roundTheClock(),
                List.of(today, today.plusDays(1)), Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(escalations("?ticketId=" + moved).get(0).path("version").asLong()).as("moved").isEqualTo(1);
        // a terms change naming another support manager hands an open DEDICATED level 1 over: no escalation event says so
        String handedOver = id();
        awaitProcessed(desk.organizationRegistered(handedOver, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC",
                "Dana Scully"));
        String reassigned = id();
        tickets.add(reassigned);
        awaitProcessed(desk.ticketOpened(reassigned, handedOver, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC",
                Severity.S2));
        desk.escalationRequested(reassigned, handedOver, "contact-1");
        awaitEscalations(reassigned, 1);
        awaitProcessed(desk.supportManagerChanged(handedOver, Plan.DEDICATED, "Fox Mulder", Instant.now().minusSeconds(1)));
        JsonNode handed = escalations("?ticketId=" + reassigned).get(0);
        assertThat(handed.path("assignee").asText()).as("handed over").isEqualTo("Fox Mulder");
        assertThat(handed.path("version").asLong()).isEqualTo(1);
        for (String ticket : timed) {
            awaitEscalations(ticket, 3);
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject("""
                    SELECT count(*) FROM acknowledgement_timer a JOIN escalation e ON e.id = a.escalation_id
                    WHERE e.ticket_id = ? AND a.fired_at IS NULL""", Long.class, ticket) == 0);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM escalation WHERE ticket_id = ANY (?) AND assignee IS NOT NULL",
                Long.class, (Object) tickets.toArray(String[]::new))).as("named support managers").isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM escalation WHERE ticket_id = ANY (?) AND state = 'CLOSED'",
                Long.class, (Object) tickets.toArray(String[]::new))).as("closed levels").isPositive();
        return new History(List.of(standard, dedicated, extended), tickets);
    }

    private static Map<DayOfWeek, List<SlaBusinessHours>> roundTheClock() {
        Map<DayOfWeek, List<SlaBusinessHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new SlaBusinessHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return week;
    }

    /** Records the mirror applies (severity changes of one ticket), so that a replay has a history to read a while. */
    private void filler(String ticket, int count) {
        String last = null;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1))) {
            for (int i = 0; i < count; i++) {
                Severity to = i == count - 1 ? currentSeverity(ticket) : Severity.values()[i % 3];
                String value = desk.ticketEventJson(ticket, new SeverityChangedEvent(ticket, Severity.S3, to, "filler",
                        "agent-1", Instant.now()));
                last = objectMapper.readTree(value).get("id").asText();
                producer.send(new ProducerRecord<>(ticketsTopic, ticket, value));
            }
            producer.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String lastId = last;
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, lastId) == 1);
    }

    private Severity currentSeverity(String ticket) {
        return Severity.valueOf(jdbc.queryForObject("SELECT severity FROM ticket WHERE ticket_id = ?", String.class,
                ticket));
    }

    private JsonNode progress(String id) {
        Answer answer = api.get(REPLAYS + "/" + id, ANALYST);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    /**
     * The organisations, tickets, escalations and timers of a history, every column as text, except a fired timer's
     * {@code fired_at}: when the live poller got to it is not recorded in any event (the rebuild marks it fired at its
     * due time), so only whether it fired is compared.
     */
    private Map<String, List<Map<String, Object>>> state(History history) {
        Object tickets = history.tickets.toArray(String[]::new);
        Map<String, List<Map<String, Object>>> state = new TreeMap<>();
        state.put("organization", text(jdbc.queryForList(
                "SELECT * FROM organization WHERE organization_id = ANY (?) ORDER BY organization_id",
                (Object) history.organizations.toArray(String[]::new))));
        state.put("ticket", text(jdbc.queryForList(
                "SELECT * FROM ticket WHERE ticket_id = ANY (?) ORDER BY ticket_id", tickets)));
        state.put("escalation", text(jdbc.queryForList(
                "SELECT * FROM escalation WHERE ticket_id = ANY (?) ORDER BY ticket_id, level", tickets)));
        state.put("acknowledgement_timer", text(jdbc.queryForList("""
                SELECT a.escalation_id, a.due_at, a.fired_at IS NOT NULL AS fired, a.failed_attempts
                FROM acknowledgement_timer a JOIN escalation e ON e.id = a.escalation_id
                WHERE e.ticket_id = ANY (?) ORDER BY a.escalation_id""", tickets)));
        assertThat(state.get("escalation")).hasSizeGreaterThanOrEqualTo(history.tickets.size());
        assertThat(state.get("acknowledgement_timer")).hasSameSizeAs(state.get("escalation"));
        return state;
    }

    private static List<Map<String, Object>> text(List<Map<String, Object>> rows) {
        List<Map<String, Object>> texts = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> text = new TreeMap<>();
            row.forEach((column, value) -> text.put(column, String.valueOf(value)));
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

    private long outboxCount(String ticket, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE record_key = ? AND event_type = ?", Long.class,
                ticket, type);
    }
}
