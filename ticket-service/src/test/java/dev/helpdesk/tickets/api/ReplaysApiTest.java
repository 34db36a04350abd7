package dev.helpdesk.tickets.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.testsupport.TestInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.TicketServiceApplication;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, point 6, as an analyst and a contact would meet it: two instances of the service on one database, a store
 * of some thousands of tickets, and replays of the ticket views started through either instance.
 */
class ReplaysApiTest {

    static final String ANALYST = TestTokens.analyst("analyst-1");
    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");
    static final String REPLAYS = "/api/admin/tickets/replays";
    /** Tickets in the store before the contact's own: enough that a rebuild takes a while. */
    static final int STORED_TICKETS = 6000;

    private final Map<String, Object> infrastructure = TestInfrastructure.freshProperties("tickets_replays");
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    HttpApi first;
    HttpApi second;
    JdbcTemplate jdbc;
    String contact;
    String ticket;

    @BeforeEach
    void twoInstancesAStoreOfThousandsOfTicketsAndAContactsTicket() {
        ConfigurableApplicationContext a = start(true);
        first = api(a);
        second = api(start(false));
        jdbc = a.getBean(JdbcTemplate.class);
        String others = first.post("/api/organizations", ADMIN, Bodies.organization("Others")).json().get("id").asText();
        seedTickets(first.post("/api/tickets", AGENT, Bodies.ticket(others)).json());
        await().atMost(Duration.ofSeconds(120)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM ticket_view", Long.class) > STORED_TICKETS);

        String org = first.post("/api/organizations", ADMIN, Bodies.organization("Uni")).json().get("id").asText();
        String user = "contact-" + UUID.randomUUID();
        assertThat(first.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact(user)).status()).isEqualTo(201);
        contact = TestTokens.contact(user, org);
        ticket = first.post("/api/tickets", contact, Bodies.ticket(org)).json().get("id").asText();
        first.post("/api/tickets/" + ticket + "/comments", AGENT, Map.of("body", "On it", "visibility", "PUBLIC"));
    }

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aSecondReplayWhileOneRunsIsRefusedOnEveryInstanceNamingTheRunningOne() {
        HttpApi.Answer started = first.post(REPLAYS, ANALYST, Map.of("projection", "ticket-views"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().get("id").asText();

        for (HttpApi instance : List.of(first, second)) {
            HttpApi.Answer again = instance.post(REPLAYS, ANALYST, Map.of("projection", "ticket-views"));
            assertThat(again.status()).as(again.toString()).isEqualTo(409);
            assertThat(again.header("Content-Type")).startsWith("application/problem+json");
            assertThat(again.json().get("type").asText()).endsWith("/conflict");
            assertThat(again.json().get("reason").asText()).isEqualTo("replay-running");
            assertThat(again.json().get("replayId").asText()).isEqualTo(id);
            assertThat(again.header("Location")).isEqualTo(REPLAYS + "/" + id);
        }

        JsonNode seenByTheOther = second.get(REPLAYS + "/" + id, ANALYST).json();
        assertThat(seenByTheOther.get("projection").asText()).isEqualTo("ticket-views");
        assertThat(seenByTheOther.get("total").asLong()).isGreaterThan(STORED_TICKETS);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(second.get(REPLAYS + "/" + id, ANALYST).json().get("state").asText()).isEqualTo("COMPLETED"));
        JsonNode completed = second.get(REPLAYS + "/" + id, ANALYST).json();
        assertThat(completed.get("percent").asInt()).isEqualTo(100);
        assertThat(completed.get("done").asLong()).isGreaterThanOrEqualTo(completed.get("total").asLong());

        HttpApi.Answer next = second.post(REPLAYS, ANALYST, Map.of("projection", "ticket-views"));
        assertThat(next.status()).as("a replay may start once the last one completed").isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(first.get(next.header("Location"), ANALYST).json().get("state").asText()).isEqualTo("COMPLETED"));
    }

    @Test
    void duringAReplayAContactsTicketIsNeverMissingAndWritesMadeMeanwhileAreKept() {
        HttpApi.Answer before = first.get("/api/tickets/" + ticket, contact);
        assertThat(before.status()).isEqualTo(200);

        HttpApi.Answer started = first.post(REPLAYS, ANALYST, Map.of("projection", "ticket-views"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String progress = started.header("Location");
        int readsWhileRunning = 0;
        boolean commented = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (first.get(progress, ANALYST).json().get("state").asText().equals("RUNNING")) {
            assertThat(System.nanoTime()).as("the replay ends in time").isLessThan(deadline);
            for (HttpApi instance : List.of(first, second)) {
                HttpApi.Answer read = instance.get("/api/tickets/" + ticket, contact);
                assertThat(read.status()).as("a contact's ticket during the replay: " + read).isEqualTo(200);
                assertThat(instance.get("/api/tickets?size=1", contact).json().get("totalItems").asInt()).isEqualTo(1);
                readsWhileRunning++;
            }
            if (!commented) {
                HttpApi.Answer comment = second.post("/api/tickets/" + ticket + "/comments", contact,
                        Map.of("body", "Still broken", "visibility", "PUBLIC"));
                assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
                commented = true;
            }
        }
        assertThat(readsWhileRunning).as("reads made while the replay ran").isGreaterThan(2);
        assertThat(second.get(progress, ANALYST).json().get("state").asText()).isEqualTo("COMPLETED");

        JsonNode after = first.get("/api/tickets/" + ticket, contact).json();
        assertThat(after.get("comments").findValuesAsText("body")).containsExactly("On it", "Still broken");
        assertThat(after.get("title")).isEqualTo(before.json().get("title"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_view", Long.class)).isEqualTo(STORED_TICKETS + 2L);
        assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'ticket_view'", String.class))
                .as("the served tables keep their index names").contains("ticket_view_pkey", "ticket_view_org");
    }

    @Test
    void aCancelledReplayLeavesTheServedViewsAndLetsTheNextOneStart() {
        String id = first.post(REPLAYS, ADMIN, Map.of("projection", "ticket-views")).json().get("id").asText();
        HttpApi.Answer cancelled = second.delete(REPLAYS + "/" + id, ADMIN);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asText()).isEqualTo("CANCELLED");
        assertThat(second.delete(REPLAYS + "/" + id, ADMIN).status()).isEqualTo(409);
        assertThat(first.get("/api/tickets/" + ticket, contact).status()).isEqualTo(200);
        assertThat(second.post(REPLAYS, ADMIN, Map.of("projection", "ticket-views")).status()).isEqualTo(202);
        assertThat(first.get(REPLAYS + "/" + UUID.randomUUID(), ADMIN).status()).isEqualTo(404);
    }

    /** Copies the opening of {@code template} into the store as that many tickets of their own. */
    private void seedTickets(JsonNode template) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, t.id, 0, e.type, e.time_stamp, e.payload_type, e.payload_revision,
                    convert_to(replace(replace(convert_from(e.payload, 'UTF8'), e.aggregate_identifier, t.id),
                        '"' || ? || '"', '"SEED-' || t.n || '"'), 'UTF8'), e.meta_data
                FROM domain_event_entry e, (SELECT n, gen_random_uuid()::text AS id FROM generate_series(1, ?) n) t
                WHERE e.aggregate_identifier = ? AND e.sequence_number = 0""",
                template.get("key").asText(), STORED_TICKETS, template.get("id").asText());
    }

    private ConfigurableApplicationContext start(boolean publishing) {
        List<String> args = new ArrayList<>();
        infrastructure.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        args.add("--management.server.port=0"); // each instance its own management port, as in production
        args.add("--helpdesk.tickets.publishing.enabled=" + publishing);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TicketServiceApplication.class)
                .run(args.toArray(String[]::new));
        running.add(context);
        return context;
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
