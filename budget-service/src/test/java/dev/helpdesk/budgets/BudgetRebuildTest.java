package dev.helpdesk.budgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.budgets.fixtures.Api;
import dev.helpdesk.budgets.fixtures.SlaTopic;
import dev.helpdesk.budgets.fixtures.BudgetTopicReader;
import dev.helpdesk.budgets.fixtures.TicketTopic;
import dev.helpdesk.budgets.fixtures.TicketTopicCreation;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryLoggedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryReversedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.events.RateKind;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.kafka.core.KafkaTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "helpdesk.budgets.replay-max-poll-records=10")
@RealInfrastructure(database = "budgets")
@AutoConfigureObservability
@DirtiesContext // closed while the broker still runs, so the JVM exits without waiting for Kafka clients
@Import(TicketTopicCreation.class)
class BudgetRebuildTest {

    private static final LocalDate TODAY = LocalDate.now();
    private static final LocalDate START = TODAY.minusDays(100);
    private static final LocalDate END = TODAY.plusDays(200);
    private static final String AGENT = TestTokens.agent("agent-1");
    private static final String ADMIN = TestTokens.admin("admin-1");

    @Autowired
    TestRestTemplate http;
    @LocalManagementPort
    int managementPort;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    dev.helpdesk.budgets.replay.AbandonedGenerationCleanup cleanup;
    @Value("${helpdesk.topics.tickets}")
    String ticketsTopic;
    @Value("${helpdesk.topics.budgets}")
    String budgetsTopic;
    @Value("${helpdesk.topics.sla}")
    String slaTopic;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String orgA = UUID.randomUUID().toString();
    private final String orgB = UUID.randomUUID().toString();
    private final String orgC = UUID.randomUUID().toString();
    /** Issue 21's events: organisation-level time, entries with a start, a rate change in the middle of a month. */
    private final String orgD = UUID.randomUUID().toString();

    @Test
    void rebuildGivesIdenticalFiguresWhileReadsKeepAnsweringAndRaisesNoThresholdAgain() {
        TicketTopic tickets = new TicketTopic(kafka, objectMapper, ticketsTopic);
        Api api = new Api(http, objectMapper);
        // Records of different keys are applied in any order, so figures may pass through states in between: A stays
        // between 50% (3517.50 of 7000.00 at the end) and 80% (4017.50 of 6000.00 at worst) whatever the order.
        tickets.registered(orgA, "6000.00", "100.00", "150.00", START, END);
        tickets.registered(orgB, "2000.00", "100.00", "150.00", START, END);
        tickets.registered(orgC, "1000.00", "100.00", "150.00", START, END);
        logHours(tickets, orgA, 40, 0);                     // 40 x 100.00
        for (int i = 0; i < 5; i++) {                     // 5 reversed -> 3500.00
            reverseHour(tickets, orgA, i * 3);
        }
        tickets.logged(orgA, "TA-x", "A-c", "agent-9", 7, RateKind.CONSULTANCY, START.plusDays(50), "odd minutes"); // 17.50
        tickets.resend(tickets.purchased(orgA, "1000.00"));
        TicketTopic.Sent duplicated = tickets.logged(orgB, "TB-1", "B-x", "agent-1", 45, RateKind.CONSULTANCY, START.plusDays(3), "dup");
        tickets.resend(duplicated);                       // 112.50 once
        logHours(tickets, orgB, 19, 0);                   // 1900.00 -> 2012.50, over 100%
        tickets.logged(orgC, "TC-1", "C-0", "agent-1", 180, RateKind.STANDARD, START.plusDays(1), "300 worth");
        tickets.sendRaw("TC-1", "{broken");
        tickets.logged(orgC, "TC-1", "C-nul", "agent-1", 60, RateKind.STANDARD, START.plusDays(2), "NUL \u0000 refused");
        issue21Events(tickets);
        awaitConsumed(api, orgA, "3517.50");
        awaitConsumed(api, orgB, "2012.50");
        awaitConsumed(api, orgC, "300.00");
        awaitConsumed(api, orgD, "200.00");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                api.json(api.get("/api/budgets/" + orgD + "/entries", AGENT)).get("totalItems").asInt() == 5);
        // The workshop began on a holiday of the calendar sla-service published: out of hours, before and after.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> api.get("/api/budgets/" + orgD + "/entries", AGENT).getBody()
                .matches("(?s).*\\{\"entryId\":\"D-w\",\"kind\":\"LOGGED\"[^}]*\"outOfHours\":true}.*"));
        Map<String, String> before = snapshot(api, List.of(orgA, orgB, orgD));
        assertThat(before.get(orgD + "/entries")).contains("\"activity\":\"Workshop\"", "\"outOfHours\":true",
                "\"hourlyRate\":120.00");
        // The live consumer set aside the two poison records; forgotten here, the rebuild must set them aside again.
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from dead_letter where record_key = 'TC-1'", Integer.class) == 2);
        jdbc.update("delete from dead_letter where record_key = 'TC-1'");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                "select count(*) from outbox where published_at is not null and record_key in (?, ?)", Integer.class, orgA, orgB) == 4);
        try (BudgetTopicReader budgets = new BudgetTopicReader(bootstrapServers, budgetsTopic, objectMapper)) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    budgets.envelopesOf(orgA).size() == 1 && budgets.envelopesOf(orgB).size() == 3);

            HttpHeaders once = new HttpHeaders();
            once.set("Idempotency-Key", "rebuild-" + orgA);
            ResponseEntity<String> started = api.post("/api/admin/budgets/replays", ADMIN, "{\"projection\":\"budgets\"}", once);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            String id = api.json(started).get("id").asText();
            ResponseEntity<String> repeated = api.post("/api/admin/budgets/replays", ADMIN, "{\"projection\":\"budgets\"}", once);
            assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(api.json(repeated).get("id").asText()).isEqualTo(id);
            assertThat(started.getHeaders().getLocation()).hasToString("/api/admin/budgets/replays/" + id);
            logHours(tickets, orgC, 5, 100);                // live writes during the rebuild: 300 -> 800.00

            Set<String> statesSeen = new HashSet<>();
            JsonNode progress = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
                ResponseEntity<String> read = api.get("/api/budgets/" + orgA, AGENT);
                assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
                assertThat(read.getBody()).isEqualTo(before.get(orgA));
                JsonNode replay = api.json(api.get("/api/admin/budgets/replays/" + id, ADMIN));
                statesSeen.add(replay.get("state").asText());
                return replay;
            }, replay -> Set.of("COMPLETED", "FAILED").contains(replay.get("state").asText()));

            assertThat(progress.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(statesSeen).doesNotContain("FAILED");
            assertThat(progress.get("eventsRead").asLong()).isGreaterThanOrEqualTo(75);
            assertThat(progress.get("positions").size()).isEqualTo(3);
            assertThat(progress.get("ratePerSecond").decimalValue()).isPositive();
            // API.md's progress fields, as the other services' replays answer them
            assertThat(progress.get("done").asLong()).isEqualTo(progress.get("eventsRead").asLong());
            assertThat(progress.get("total").asLong()).isEqualTo(progress.get("done").asLong());
            assertThat(progress.get("percent").asInt()).isEqualTo(100);
            assertThat(progress.get("rate").decimalValue()).isPositive();
            assertThat(progress.get("eta").isNull()).isTrue();
            assertThat(progress.at("/result/previousGeneration").asInt()).isEqualTo(1);
            assertThat(progress.at("/result/skippedRecords").asInt()).isEqualTo(2);
            assertThat(jdbc.queryForList("select reason from dead_letter where record_key = 'TC-1' and attempts = 1",
                    String.class)).hasSize(2).contains("value is not JSON").anySatisfy(reason -> assertThat(reason).contains("0x00"));
            int generation = progress.at("/result/generation").asInt();
            assertThat(generation).isGreaterThan(1);
            assertThat(jdbc.queryForObject("select active from projection_generation", Integer.class)).isEqualTo(generation);
            assertThat(jdbc.queryForObject("select count(*) from ledger_line where generation = 1", Integer.class)).isZero();

            assertThat(snapshot(api, List.of(orgA, orgB, orgD))).isEqualTo(before);
            assertThat(jdbc.queryForObject("select count(*) from replay", Integer.class)).isEqualTo(1);
            JsonNode c = awaitConsumed(api, orgC, "800.00");
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> api.json(api.get("/api/budgets/" + orgC, AGENT))
                    .get("thresholdsCrossed").toString().equals("[50,80]"));
            assertThat(c.get("remaining").decimalValue()).hasToString("200.00");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).until(() ->
                    budgets.envelopesOf(orgA).size() == 1 && budgets.envelopesOf(orgB).size() == 3
                            && budgets.envelopesOf(orgC).size() == 2);
        }
        assertThat(api.get("http://localhost:" + managementPort + "/actuator/prometheus", null, MediaType.TEXT_PLAIN).getBody())
                .containsPattern("helpdesk_budget_rebuild_events_read(\\{[^}]*})? [1-9]");
    }

    /**
     * API.md: {@code DELETE} cancels a running rebuild. It stops at its next report (every 250 ms) or at the switch,
     * drops the generation it was building, and the served figures stay as they were. The replay rows are removed at
     * the end, so that the other test of this class finds only its own.
     */
    @Test
    void aCancelledRebuildDropsWhatItBuiltAndLeavesTheServedFigures() {
        TicketTopic tickets = new TicketTopic(kafka, objectMapper, ticketsTopic);
        Api api = new Api(http, objectMapper);
        String org = UUID.randomUUID().toString();
        tickets.registered(org, "90000.00", "100.00", "150.00", START, END);
        logHours(tickets, org, 600, 0);
        awaitConsumed(api, org, "60000.00");
        int active = jdbc.queryForObject("select active from projection_generation", Integer.class);
        String served = api.get("/api/budgets/" + org, AGENT).getBody();
        List<String> cancelled = new ArrayList<>();
        try {
            ResponseEntity<String> started = api.post("/api/admin/budgets/replays", ADMIN, "{\"projection\":\"budgets\"}");
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            String id = api.json(started).get("id").asText();
            cancelled.add(id);

            ResponseEntity<String> cancel = api.delete("/api/admin/budgets/replays/" + id, TestTokens.analyst("analyst-1"));
            assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(api.json(cancel).get("state").asText()).isEqualTo("CANCELLED");
            ResponseEntity<String> again = api.delete("/api/admin/budgets/replays/" + id, ADMIN);
            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(again.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(api.json(again).get("reason").asText()).isEqualTo("replay-not-running");
            assertThat(api.delete("/api/admin/budgets/replays/" + UUID.randomUUID(), ADMIN).getStatusCode())
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(api.delete("/api/admin/budgets/replays/" + id, AGENT).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

            // not running any more: a new rebuild may start (and is cancelled in turn)
            ResponseEntity<String> next = api.post("/api/admin/budgets/replays", ADMIN, "{\"projection\":\"budgets\"}");
            assertThat(next.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            cancelled.add(api.json(next).get("id").asText());
            assertThat(api.delete("/api/admin/budgets/replays/" + cancelled.get(1), ADMIN).getStatusCode())
                    .isEqualTo(HttpStatus.OK);

            for (String replay : cancelled) {
                int generation = jdbc.queryForObject("select generation from replay where id = ?::uuid", Integer.class, replay);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                        "select count(*) from processed_event where generation = ?", Integer.class, generation))
                        .as("what rebuild %s built is dropped", replay).isZero());
                assertThat(api.json(api.get("/api/admin/budgets/replays/" + replay, ADMIN)).get("state").asText())
                        .isEqualTo("CANCELLED");
            }
            assertThat(jdbc.queryForObject("select active from projection_generation", Integer.class)).isEqualTo(active);
            assertThat(api.get("/api/budgets/" + org, AGENT).getBody()).isEqualTo(served);
        } finally {
            cancelled.forEach(replay -> jdbc.update("delete from replay where id = ?::uuid", replay));
        }
    }

    /**
     * API.md: 409 while a rebuild runs, on this instance or another (here one another instance reports). As in the
     * other services, the problem names the running rebuild ({@code replayId}, {@code Location}) for the caller to
     * follow, instead of leaving it to guess.
     */
    @Test
    void aRebuildAskedForWhileOneRunsIsRefusedWithTheRunningOnesAddress() {
        Api api = new Api(http, objectMapper);
        int active = jdbc.queryForObject("select active from projection_generation", Integer.class);
        UUID running = UUID.randomUUID();
        jdbc.update("insert into replay (id, projection, state, requested_by, generation, started_at, updated_at)"
                + " values (?, 'budgets', 'RUNNING', 'admin-2', ?, now(), now())", running, active + 2001);
        try {
            ResponseEntity<String> refused = api.post("/api/admin/budgets/replays", ADMIN, "{\"projection\":\"budgets\"}");

            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(api.json(refused).get("reason").asText()).isEqualTo("replay-running");
            assertThat(api.json(refused).get("replayId").asText()).isEqualTo(running.toString());
            assertThat(refused.getHeaders().getLocation()).hasToString("/api/admin/budgets/replays/" + running);
            assertThat(jdbc.queryForObject("select count(*) from replay where id <> ? and state = 'RUNNING'", Integer.class, running))
                    .as("nothing started").isZero();
        } finally {
            jdbc.update("delete from replay where id = ?", running);
        }
    }

    @Test
    void startUpFreesGenerationsThatNoOneServesOrBuilds() {
        int active = jdbc.queryForObject("select active from projection_generation", Integer.class);
        jdbc.update("insert into ledger_line (generation, organization_id, entry_id, kind, ticket_id, agent_id, minutes,"
                + " rate, work_date, recorded_at) values (?, 'org', 'left-over', 'LOGGED', 'T', 'a', 1, 'STANDARD', current_date, now())",
                active + 1000);
        UUID running = UUID.randomUUID();
        jdbc.update("insert into replay (id, projection, state, requested_by, generation, started_at, updated_at)"
                + " values (?, 'budgets', 'RUNNING', 'admin', ?, now(), now())", running, active + 1001);
        jdbc.update("insert into processed_event (generation, event_id) values (?, 'being-built')", active + 1001);

        try {
            cleanup.cleanUp();

            assertThat(jdbc.queryForObject("select count(*) from ledger_line where generation = ?", Integer.class, active + 1000)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from processed_event where generation = ?", Integer.class, active + 1001)).isOne();
        } finally {
            jdbc.update("delete from replay where id = ?", running);
            jdbc.update("delete from processed_event where generation = ?", active + 1001);
        }
    }

    /** Logs {@code count} hours at the standard rate (100.00 each), numbered from {@code first}. */
    private static void logHours(TicketTopic tickets, String org, int count, int first) {
        for (int i = first; i < first + count; i++) {
            tickets.logged(org, ticketOf(org, i), entryId(org, i), "agent-" + (i % 3), 60, RateKind.STANDARD,
                    START.plusDays(i % 90), "hour " + i);
        }
    }

    private static void reverseHour(TicketTopic tickets, String org, int i) {
        tickets.reversed(org, ticketOf(org, i), entryId(org, i), "agent-" + (i % 3), 60, RateKind.STANDARD, START.plusDays(i % 90));
    }

    private static String ticketOf(String org, int i) {
        return "T" + org.substring(0, 8) + "-" + (i % 7);
    }

    private static String entryId(String org, int i) {
        return org.substring(0, 8) + "-" + i;
    }

    private JsonNode awaitConsumed(Api api, String org, String consumed) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            ResponseEntity<String> response = api.get("/api/budgets/" + org, AGENT);
            return response.getStatusCode() == HttpStatus.OK ? api.json(response) : null;
        }, budget -> budget != null && budget.get("consumed").decimalValue().compareTo(new BigDecimal(consumed)) == 0);
    }

    /**
     * orgD (business hours, Amsterdam, 100.00 / 150.00, then 120.00 / 180.00 from 16 March 2026): 60 min standard at
     * 08:30 on 10 March (out of hours, 100.00), a 90 min consultancy workshop on the organisation (225.00), reversed
     * (-225.00), 30 min standard on 20 March (60.00), a 20 min call on Saturday 21 March (40.00), 200.00 in all. Its
     * calendar, published on the SLA topic, has 12 March (the workshop's day) as a holiday.
     */
    private void issue21Events(TicketTopic tickets) {
        new SlaTopic(kafka, objectMapper, slaTopic).calendar(orgD, 1, "2026-01-01T00:00:00Z",
                List.of(LocalDate.parse("2026-03-12")));
        String ticket = "TD-" + orgD.substring(0, 8);
        tickets.registered(orgD, "10000.00", "100.00", "150.00", LocalDate.parse("2026-01-01"), END);
        tickets.send(ticket, "Ticket", new TimeEntryLoggedEvent(ticket, orgD, "D-1", "agent-1", 60, RateKind.STANDARD,
                LocalDate.parse("2026-03-10"), "early", Instant.parse("2026-03-10T09:00:00Z"), Instant.parse("2026-03-10T07:30:00Z")));
        tickets.send(orgD, "Organization", new OrganizationTimeEntryLoggedEvent(orgD, "D-w", "agent-2", "Workshop", 90,
                RateKind.CONSULTANCY, LocalDate.parse("2026-03-12"), Instant.parse("2026-03-12T13:00:00Z"), "workshop",
                Instant.parse("2026-03-12T15:00:00Z")));
        tickets.send(orgD, "Organization", new OrganizationTermsChangedEvent(orgD, "Org " + orgD, Plan.STANDARD,
                CalendarKind.BUSINESS_HOURS, "Europe/Amsterdam", 3, null, null, new BigDecimal("120.00"),
                new BigDecimal("180.00"), List.of("standardRate", "consultancyRate"), Instant.parse("2026-03-15T23:00:00Z"),
                "admin-1", Instant.parse("2026-03-01T12:00:00Z")));
        tickets.send(orgD, "Organization", new OrganizationTimeEntryReversedEvent(orgD, "D-w", "agent-2", 90,
                RateKind.CONSULTANCY, LocalDate.parse("2026-03-12"), "cancelled", "agent-2", Instant.parse("2026-03-20T09:00:00Z")));
        tickets.logged(orgD, ticket, "D-2", "agent-1", 30, RateKind.STANDARD, LocalDate.parse("2026-03-20"), "dated only");
        tickets.send(orgD, "Organization", new OrganizationTimeEntryLoggedEvent(orgD, "D-c", "agent-2", "Call", 20,
                RateKind.STANDARD, LocalDate.parse("2026-03-21"), Instant.parse("2026-03-21T10:00:00Z"), "call",
                Instant.parse("2026-03-21T10:30:00Z")));
    }

    private static Map<String, String> snapshot(Api api, List<String> orgs) {
        Map<String, String> bodies = new java.util.TreeMap<>();
        for (String org : orgs) {
            bodies.put(org, api.get("/api/budgets/" + org, AGENT).getBody());
            bodies.put(org + "/entries", api.get("/api/budgets/" + org + "/entries?size=200", AGENT).getBody());
            bodies.put(org + "/entries.csv", api.get("/api/budgets/" + org + "/entries?from=2026-01-01&to=" + END, AGENT,
                    MediaType.parseMediaType("text/csv")).getBody());
            bodies.put(org + "/burndown", api.get("/api/budgets/" + org + "/burndown?interval=MONTH", AGENT).getBody());
        }
        return bodies;
    }
}
