package dev.helpdesk.tickets.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.events.organization.OrganizationRegisteredEvent;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.organization.command.ChangeOrganizationTermsCommand;
import dev.helpdesk.tickets.organization.command.TermsPatch;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.Contacts;
import dev.helpdesk.tickets.support.HttpApi;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 21 through the HTTP API: terms changes, contact transfers, organisation time entries, old events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "tickets")
class OrganizationTermsApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    ObjectMapper json;
    HttpApi api;

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    String register(Map<String, Object> body) {
        HttpApi.Answer registered = api.post("/api/organizations", ADMIN, body);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("id").asText();
    }

    String register() {
        return register(Bodies.organization("Uni " + UUID.randomUUID()));
    }

    String dedicated(int contactLimit) {
        Map<String, Object> body = Bodies.organization("Dedicated " + UUID.randomUUID());
        body.put("plan", "DEDICATED");
        body.put("contactLimit", contactLimit);
        return register(body);
    }

    List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, aggregateId).stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    JsonNode openedEvent(String ticketId) {
        HttpApi.Answer history = api.get("/api/tickets/" + ticketId + "/history", AGENT);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        return history.json().get("items").get(0).get("data");
    }

    String openTicket(String token, String organizationId) {
        HttpApi.Answer opened = api.post("/api/tickets", token, Bodies.ticket(organizationId));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    @Test
    void aPastDatedPlanAndRateChangeShowsAtOnceAndNewTicketsAreOpenedUnderIt() {
        Map<String, Object> body = Bodies.organization("Uni " + UUID.randomUUID());
        body.put("relationshipManager", "rm-1");
        HttpApi.Answer registered = api.post("/api/organizations", ADMIN, body);
        assertThat(registered.json().get("relationshipManager").asText()).isEqualTo("rm-1");
        String org = registered.json().get("id").asText();
        String contact = Contacts.add(api, org, "c1");
        String before = openTicket(contact, org);
        String effectiveFrom = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString();

        HttpApi.Answer changed = api.patch("/api/organizations/" + org, ADMIN, Map.of("plan", "EXTENDED",
                "standardRate", 95.50, "relationshipManager", "rm-2", "effectiveFrom", effectiveFrom), "If-Match", "\"1\"");

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
        JsonNode view = api.get("/api/organizations/" + org, contact).json();
        assertThat(view.get("plan").asText()).isEqualTo("EXTENDED");
        assertThat(view.get("relationshipManager").asText()).isEqualTo("rm-2");
        assertThat(view.get("budget").get("standardRate").decimalValue()).isEqualByComparingTo("95.50");
        assertThat(view.get("budget").get("consultancyRate").decimalValue()).isEqualByComparingTo("120.00");
        JsonNode change = view.get("termsHistory").get(0);
        assertThat(change.get("effectiveFrom").asText()).isEqualTo(effectiveFrom);
        assertThat(change.get("changedBy").asText()).isEqualTo("admin-1");
        assertThat(change.get("changedFields").findValuesAsText("")).isEmpty();
        assertThat(List.of(change.get("changedFields").get(0).asText(), change.get("changedFields").get(1).asText(),
                change.get("changedFields").get(2).asText())).containsExactly("plan", "relationshipManager", "standardRate");
        assertThat(eventTypes(org)).containsExactly("OrganizationRegisteredEvent", "ContactAddedEvent", "OrganizationTermsChangedEvent");

        String after = openTicket(contact, org);
        assertThat(openedEvent(after).get("plan").asText()).isEqualTo("EXTENDED");
        assertThat(openedEvent(before).get("plan").asText()).as("a ticket keeps the terms it was opened under").isEqualTo("STANDARD");
    }

    @Test
    void aFutureChangeLeavesTicketsOpenedBeforeItsInstantOnTheOldTerms() {
        String org = register();
        String contact = Contacts.add(api, org, "c1");
        Instant effectiveFrom = Instant.now().plusSeconds(3);
        HttpApi.Answer changed = api.patch("/api/organizations/" + org, ADMIN, Map.of("plan", "EXTENDED",
                "calendar", "TWENTY_FOUR_SEVEN", "timeZone", "America/New_York", "effectiveFrom", effectiveFrom.toString()));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("plan").asText()).as("not yet in effect").isEqualTo("STANDARD");
        assertThat(changed.json().get("termsHistory").get(0).get("plan").asText()).isEqualTo("EXTENDED");

        JsonNode early = openedEvent(openTicket(contact, org));
        assertThat(early.get("plan").asText()).isEqualTo("STANDARD");
        assertThat(early.get("timeZone").asText()).isEqualTo("Europe/Berlin");

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(effectiveFrom));
        JsonNode late = openedEvent(openTicket(contact, org));
        assertThat(late.get("plan").asText()).isEqualTo("EXTENDED");
        assertThat(late.get("calendar").asText()).isEqualTo("TWENTY_FOUR_SEVEN");
        assertThat(late.get("timeZone").asText()).isEqualTo("America/New_York");
        JsonNode view = api.get("/api/organizations/" + org, ADMIN).json();
        assertThat(view.get("plan").asText()).as("due now").isEqualTo("EXTENDED");
        assertThat(view.get("timeZone").asText()).isEqualTo("America/New_York");
    }

    @Test
    void invalidPatchesAre400WithFieldErrors() {
        String org = register();
        HttpApi.Answer plan = api.patch("/api/organizations/" + org, ADMIN, Map.of("plan", "PLATINUM"));
        assertThat(plan.status()).isEqualTo(400);
        assertThat(plan.json().get("type").asText()).endsWith("/invalid-request");
        assertThat(plan.json().get("errors").findValuesAsText("field")).contains("plan");
        HttpApi.Answer calendar = api.patch("/api/organizations/" + org, ADMIN, Map.of("calendar", "WEEKENDS"));
        assertThat(calendar.status()).isEqualTo(400);
        assertThat(calendar.json().get("errors").findValuesAsText("field")).contains("calendar");
        HttpApi.Answer zone = api.patch("/api/organizations/" + org, ADMIN, Map.of("timeZone", "Mars/Olympus"));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.json().get("errors").findValuesAsText("field")).containsExactly("timeZone");
        HttpApi.Answer rate = api.patch("/api/organizations/" + org, ADMIN, Map.of("standardRate", 90.125, "consultancyRate", -1));
        assertThat(rate.status()).isEqualTo(400);
        assertThat(rate.json().get("errors").findValuesAsText("field")).contains("standardRate", "consultancyRate");
        HttpApi.Answer empty = api.patch("/api/organizations/" + org, ADMIN, Map.of("effectiveFrom", Instant.now().toString()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("reason").asText()).isEqualTo("empty-patch");
        assertThat(api.patch("/api/organizations/" + org, ADMIN, Map.of()).status()).isEqualTo(400);
        assertThat(eventTypes(org)).containsExactly("OrganizationRegisteredEvent");
    }

    @Test
    void businessRulesOfAPatchAre422() {
        Map<String, Object> noBudget = Bodies.organization("No budget " + UUID.randomUUID());
        noBudget.remove("budget");
        String withoutBudget = register(noBudget);
        HttpApi.Answer rates = api.patch("/api/organizations/" + withoutBudget, ADMIN, Map.of("standardRate", 90));
        assertThat(rates.status()).isEqualTo(422);
        assertThat(rates.json().get("reason").asText()).isEqualTo("no-budget-terms");

        String standard = register();
        HttpApi.Answer limit = api.patch("/api/organizations/" + standard, ADMIN, Map.of("contactLimit", 5));
        assertThat(limit.status()).isEqualTo(422);
        assertThat(limit.json().get("reason").asText()).isEqualTo("contact-limit");

        String dedicated = dedicated(5);
        for (String user : List.of("c1", "c2", "c3", "c4")) {
            Contacts.add(api, dedicated, user);
        }
        HttpApi.Answer below = api.patch("/api/organizations/" + dedicated, ADMIN, Map.of("contactLimit", 3));
        assertThat(below.status()).isEqualTo(422);
        assertThat(below.json().get("detail").asText()).contains("has 4 technical contacts");
        HttpApi.Answer raised = api.patch("/api/organizations/" + dedicated, ADMIN, Map.of("contactLimit", 8));
        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.json().get("contactLimit").asInt()).isEqualTo(8);
    }

    @Test
    void aPatchThatChangesNothingAnswers200AndRecordsNothing() {
        String org = register();
        HttpApi.Answer same = api.patch("/api/organizations/" + org, ADMIN, Map.of("plan", "STANDARD", "standardRate", 80));
        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(same.header("ETag")).isEqualTo("\"0\"");
        assertThat(same.json().get("termsHistory")).isEmpty();
        assertThat(eventTypes(org)).containsExactly("OrganizationRegisteredEvent");
    }

    @Test
    void onlyAdminsPatchAndAStaleIfMatchIsAConflict() {
        String org = register();
        assertThat(api.patch("/api/organizations/" + org, AGENT, Map.of("name", "X")).status()).isEqualTo(403);
        assertThat(api.patch("/api/organizations/" + org, TestTokens.manager("m1"), Map.of("name", "X")).status()).isEqualTo(403);
        assertThat(api.patch("/api/organizations/" + org, ADMIN, Map.of("name", "Renamed"), "If-Match", "\"0\"").status()).isEqualTo(200);
        HttpApi.Answer stale = api.patch("/api/organizations/" + org, ADMIN, Map.of("name", "Again"), "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asText()).endsWith("/stale-version");
        assertThat(api.patch("/api/organizations/" + UUID.randomUUID(), ADMIN, Map.of("name", "X")).status()).isEqualTo(404);
    }

    @Test
    void aTransferredContactMovesWithItsTokensOrganisationAndOpensTicketsOnlyThere() {
        String from = register();
        String to = register();
        String oldToken = Contacts.add(api, from, "dave");

        HttpApi.Answer moved = api.post("/api/organizations/" + from + "/contacts/dave/transfer", ADMIN, Map.of("toOrganizationId", to));

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(eventTypes(from)).containsExactly("OrganizationRegisteredEvent", "ContactAddedEvent", "ContactTransferredEvent");
        assertThat(eventTypes(to)).containsExactly("OrganizationRegisteredEvent", "ContactAddedEvent");
        assertThat(api.get("/api/organizations/" + from, ADMIN).json().get("contacts")).isEmpty();
        assertThat(api.get("/api/organizations/" + to, ADMIN).json().get("contacts").get(0).get("email").asText())
                .isEqualTo("dave@uni.example.org");
        HttpApi.Answer withOldToken = api.post("/api/tickets", oldToken, Bodies.ticket(from));
        assertThat(withOldToken.status()).isEqualTo(403);
        assertThat(withOldToken.json().get("reason").asText()).isEqualTo("not-a-contact");
        String newToken = TestTokens.contact("dave", to);
        assertThat(api.post("/api/tickets", newToken, Bodies.ticket(from)).status()).as("another tenant").isEqualTo(404);
        openTicket(newToken, to);
    }

    @Test
    void aTransferIsRefusedWhenTheTargetIsFullOrUnknownAndChangesNeitherOrganisation() {
        String from = register();
        String full = register();
        for (String user : List.of("t1", "t2", "t3")) {
            Contacts.add(api, full, user);
        }
        Contacts.add(api, from, "erin");

        HttpApi.Answer refused = api.post("/api/organizations/" + from + "/contacts/erin/transfer", ADMIN, Map.of("toOrganizationId", full));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("reason").asText()).isEqualTo("contact-limit");
        HttpApi.Answer unknown = api.post("/api/organizations/" + from + "/contacts/erin/transfer", ADMIN,
                Map.of("toOrganizationId", UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("reason").asText()).isEqualTo("unknown-target-organization");
        assertThat(api.post("/api/organizations/" + from + "/contacts/nobody/transfer", ADMIN, Map.of("toOrganizationId", full))
                .status()).isEqualTo(404);
        assertThat(api.post("/api/organizations/" + from + "/contacts/erin/transfer", ADMIN, Map.of("toOrganizationId", from))
                .status()).isEqualTo(422);
        assertThat(api.post("/api/organizations/" + from + "/contacts/erin/transfer", AGENT, Map.of("toOrganizationId", full))
                .status()).isEqualTo(403);
        HttpApi.Answer stale = api.post("/api/organizations/" + from + "/contacts/erin/transfer", ADMIN,
                Map.of("toOrganizationId", register()), "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asText()).endsWith("/stale-version");
        assertThat(eventTypes(from)).containsExactly("OrganizationRegisteredEvent", "ContactAddedEvent");
        assertThat(eventTypes(full)).hasSize(4);
    }

    /**
     * The second step (the source's ContactTransferredEvent) fails for every transfer but the first to commit: the
     * source's stream moved on (409 concurrent change) or the contact is gone (404). Since both streams are written in
     * one transaction, no target keeps a ContactAddedEvent from a failed transfer.
     */
    @Test
    void concurrentTransfersOfOneContactLeaveItInExactlyOneOrganisation() throws Exception {
        String from = register();
        Contacts.add(api, from, "frank");
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            targets.add(register());
        }
        ExecutorService pool = Executors.newFixedThreadPool(targets.size());
        try {
            List<Future<HttpApi.Answer>> answers = new ArrayList<>();
            for (String target : targets) {
                Callable<HttpApi.Answer> transfer = () -> new HttpApi(port).post("/api/organizations/" + from
                        + "/contacts/frank/transfer", ADMIN, Map.of("toOrganizationId", target));
                answers.add(pool.submit(transfer));
            }
            Map<Integer, Integer> statuses = new HashMap<>();
            for (Future<HttpApi.Answer> answer : answers) {
                statuses.merge(answer.get().status(), 1, Integer::sum);
            }
            assertThat(statuses.get(200)).as(statuses.toString()).isEqualTo(1);
            assertThat(statuses.keySet()).isSubsetOf(200, 404, 409);
        } finally {
            pool.shutdownNow();
        }
        long added = targets.stream().filter(target -> eventTypes(target).contains("ContactAddedEvent")).count();
        assertThat(added).isEqualTo(1);
        long listed = targets.stream().filter(target -> api.get("/api/organizations/" + target, ADMIN).json().get("contacts").size() == 1).count();
        assertThat(listed).isEqualTo(1);
        assertThat(eventTypes(from)).containsExactly("OrganizationRegisteredEvent", "ContactAddedEvent", "ContactTransferredEvent");
    }

    @Test
    void staffLogAndReverseTimeAgainstTheOrganisation() {
        String org = register();
        Instant startedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> entry = new HashMap<>(Map.of("minutes", 90, "rate", "CONSULTANCY", "startedAt", startedAt.toString(),
                "activity", "Workshop", "note", "Gradebook workshop for teachers"));

        HttpApi.Answer logged = api.post("/api/organizations/" + org + "/time-entries", AGENT, entry);

        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        String entryId = logged.json().get("entryId").asText();
        assertThat(logged.header("Location")).endsWith("/api/organizations/" + org + "/time-entries/" + entryId);
        JsonNode event = storedPayload(org, 1);
        assertThat(event.get("minutes").asInt()).isEqualTo(90);
        assertThat(event.get("rate").asText()).isEqualTo("CONSULTANCY");
        assertThat(event.get("agentId").asText()).isEqualTo("agent-1");
        assertThat(Instant.parse(event.get("startedAt").asText())).isEqualTo(startedAt);
        assertThat(event.get("workDate").asText()).isEqualTo(startedAt.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalDate().toString());

        HttpApi.Answer reversed = api.post("/api/organizations/" + org + "/time-entries/" + entryId + "/reversal",
                TestTokens.manager("manager-1"), Map.of("reason", "Booked on the wrong organisation"));
        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(201);
        assertThat(storedPayload(org, 2).get("reversedBy").asText()).isEqualTo("manager-1");
        assertThat(api.post("/api/organizations/" + org + "/time-entries/" + entryId + "/reversal", AGENT,
                Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(api.post("/api/organizations/" + org + "/time-entries/" + UUID.randomUUID() + "/reversal", AGENT,
                Map.of("reason", "x")).status()).isEqualTo(404);
    }

    @Test
    void timeEntriesAreValidatedAsOnTickets() {
        String org = register();
        String contact = Contacts.add(api, org, "c1");
        Map<String, Object> valid = Map.of("minutes", 30, "rate", "STANDARD", "startedAt", Instant.now().minusSeconds(600).toString(),
                "activity", "Call", "note", "Quarterly call");
        assertThat(api.post("/api/organizations/" + org + "/time-entries", contact, valid).status()).isEqualTo(403);
        assertThat(api.post("/api/organizations/" + org + "/time-entries", ADMIN, valid).status()).isEqualTo(403);
        assertThat(api.post("/api/organizations/" + UUID.randomUUID() + "/time-entries", AGENT, valid).status()).isEqualTo(404);

        Map<String, Object> invalid = new HashMap<>(valid);
        invalid.put("minutes", 0);
        invalid.put("rate", "PREMIUM");
        invalid.remove("note");
        HttpApi.Answer refused = api.post("/api/organizations/" + org + "/time-entries", AGENT, invalid);
        assertThat(refused.status()).isEqualTo(400);
        Map<String, Object> future = new HashMap<>(valid);
        future.put("startedAt", Instant.now().plusSeconds(3600).toString());
        HttpApi.Answer notYet = api.post("/api/organizations/" + org + "/time-entries", AGENT, future);
        assertThat(notYet.status()).isEqualTo(400);
        assertThat(notYet.json().get("errors").findValuesAsText("field")).containsExactly("startedAt");
        Map<String, Object> noStart = new HashMap<>(valid);
        noStart.remove("startedAt");
        assertThat(api.post("/api/organizations/" + org + "/time-entries", AGENT, noStart).status()).isEqualTo(400);
        assertThat(eventTypes(org)).containsExactly("OrganizationRegisteredEvent", "ContactAddedEvent");
    }

    /** An OrganizationRegisteredEvent stored before relationshipManager existed still loads, with no manager. */
    @Test
    void anOrganisationRegisteredInTheOldShapeStillLoadsAndChanges() throws Exception {
        String template = register();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0", template);
        ObjectNode payload = (ObjectNode) json.readTree((byte[]) row.get("payload"));
        assertThat(payload.has("relationshipManager")).as(payload.toString()).isTrue();
        String old = UUID.randomUUID().toString();
        payload.remove("relationshipManager");
        payload.put("organizationId", old);
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)""",
                UUID.randomUUID().toString(), old, row.get("type"), row.get("time_stamp"), row.get("payload_type"),
                row.get("payload_revision"), json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8), row.get("meta_data"));

        OrganizationRegisteredEvent registered = (OrganizationRegisteredEvent) eventStore.readEvents(old).asStream()
                .map(DomainEventMessage::getPayload).findFirst().orElseThrow();
        assertThat(registered.relationshipManager()).isNull();
        assertThat(registered.plan()).isNotNull();

        commands.sendAndWait(new ChangeOrganizationTermsCommand(old, new TermsPatch(null, null, null, null, null, null,
                "rm-1", null, null), null, "admin-1", Instant.now(), 0L));
        JsonNode changed = storedPayload(old, 1);
        assertThat(changed.get("relationshipManager").asText()).isEqualTo("rm-1");
        assertThat(changed.get("changedFields").get(0).asText()).isEqualTo("relationshipManager");
        assertThat(changed.get("changedFields")).hasSize(1);
        assertThat(changed.get("name").asText()).isEqualTo(payload.get("name").asText());
    }

    JsonNode storedPayload(String aggregateId, long sequence) {
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                byte[].class, aggregateId, sequence);
        try {
            return json.readTree(payload);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listsOrganisationsPagedAndAContactOnlyTheirOwn() {
        String own = register();
        register();
        String contact = Contacts.add(api, own, "lister");
        HttpApi.Answer all = api.get("/api/organizations?page=0&size=1", AGENT);
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().get("items")).hasSize(1);
        assertThat(all.json().get("size").asInt()).isEqualTo(1);
        assertThat(all.json().get("totalItems").asLong()).isGreaterThanOrEqualTo(2);
        HttpApi.Answer mine = api.get("/api/organizations", contact);
        assertThat(mine.json().get("totalItems").asLong()).isEqualTo(1);
        assertThat(mine.json().get("items").get(0).get("id").asText()).isEqualTo(own);
        assertThat(api.get("/api/organizations?size=500", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentDescribesTheNewOperations() {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
        assertThat(paths.get("/api/organizations/{id}").has("patch")).isTrue();
        assertThat(paths.get("/api/organizations").has("get")).isTrue();
        assertThat(paths.has("/api/organizations/{id}/contacts/{userId}/transfer")).isTrue();
        assertThat(paths.has("/api/organizations/{id}/time-entries")).isTrue();
        assertThat(paths.has("/api/organizations/{id}/time-entries/{entryId}/reversal")).isTrue();
    }
}
