package dev.helpdesk.tickets.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import dev.helpdesk.tickets.config.AxonConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@RealInfrastructure(database = "tickets")
class TicketApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    HttpApi api;
    String org;
    String contactUser;
    String contact;

    @BeforeEach
    void organisationWithAContact() {
        api = new HttpApi(port);
        HttpApi.Answer registered = api.post("/api/organizations", ADMIN, Bodies.organization("Uni " + UUID.randomUUID()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        org = registered.json().get("id").asText();
        contactUser = "contact-" + UUID.randomUUID();
        HttpApi.Answer added = api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact(contactUser));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        contact = TestTokens.contact(contactUser, org);
    }

    HttpApi.Answer openTicket() {
        HttpApi.Answer opened = api.post("/api/tickets", contact, Bodies.ticket(org));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened;
    }

    @Test
    void aContactOpensATicketAndReadsItBack() {
        HttpApi.Answer opened = openTicket();
        JsonNode ticket = opened.json();
        assertThat(ticket.get("key").asText()).matches("HD-\\d+");
        assertThat(ticket.get("status").asText()).isEqualTo("NEW");
        assertThat(ticket.get("organizationId").asText()).isEqualTo(org);
        assertThat(opened.header("Location")).endsWith("/api/tickets/" + ticket.get("id").asText());
        assertThat(opened.header("ETag")).isEqualTo("\"0\"");

        HttpApi.Answer read = api.get("/api/tickets/" + ticket.get("id").asText(), contact);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("title").asText()).isEqualTo("Quiz page times out");
        assertThat(read.json().get("escalationLevel").asInt()).isZero();
        assertThat(read.header("X-Correlation-Id")).isNotBlank();
    }

    String openedId() {
        return openTicket().json().get("id").asText();
    }

    @Test
    void anotherTenantsTicketIsNotFoundForReadsAndWrites() {
        String ticket = openedId();
        String stranger = dev.helpdesk.tickets.support.Contacts.ofAnotherOrganisation(api);
        // the owner's write first: the tenant check remembers the ticket's organisation, and still refuses the stranger
        assertThat(api.post("/api/tickets/" + ticket + "/comments", contact, Map.of("body", "mine", "visibility", "PUBLIC")).status())
                .isEqualTo(201);
        assertThat(api.get("/api/tickets/" + ticket, stranger).status()).isEqualTo(404);
        assertThat(api.post("/api/tickets/" + ticket + "/comments", stranger, Map.of("body", "hi", "visibility", "PUBLIC")).status())
                .isEqualTo(404);
        assertThat(api.post("/api/tickets/" + ticket + "/status", stranger, Map.of("status", "CLOSED")).status())
                .isEqualTo(404);
        assertThat(api.get("/api/tickets/" + ticket, contact).json().get("comments")).hasSize(1);
        assertThat(api.get("/api/tickets/" + ticket + "/history", stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/tickets/" + UUID.randomUUID(), AGENT).status()).isEqualTo(404);
        HttpApi.Answer foreignOpen = api.post("/api/tickets", stranger, Bodies.ticket(org));
        assertThat(foreignOpen.status()).isEqualTo(404);
    }

    @Test
    void listsFilterAndPageAndContactsSeeOnlyTheirOrganisation() {
        String ticket = openedId();
        api.post("/api/tickets/" + ticket + "/assignment", AGENT, Map.of("assignee", "agent-7"));
        JsonNode mine = api.get("/api/tickets?organizationId=" + org + "&assignee=agent-7&status=IN_PROGRESS", AGENT).json();
        assertThat(mine.get("totalItems").asLong()).isEqualTo(1);
        assertThat(mine.get("items").get(0).get("id").asText()).isEqualTo(ticket);
        assertThat(mine.get("size").asInt()).isEqualTo(50);

        String stranger = dev.helpdesk.tickets.support.Contacts.ofAnotherOrganisation(api);
        assertThat(api.get("/api/tickets", stranger).json().get("totalItems").asLong()).isZero();
        assertThat(api.get("/api/tickets?organizationId=" + org, stranger).json().get("totalItems").asLong()).isZero();
        HttpApi.Answer homeless = api.get("/api/tickets", TestTokens.contact("homeless", null));
        assertThat(homeless.status()).as("a contact without organisation is refused").isEqualTo(403);
        assertThat(homeless.json().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/forbidden");
        assertThat(api.get("/api/tickets", contact).json().get("totalItems").asLong()).isEqualTo(1);

        HttpApi.Answer tooBig = api.get("/api/tickets?size=201", AGENT);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/invalid-request");
        assertThat(tooBig.json().get("errors").get(0).get("field").asText()).isEqualTo("size");
        assertThat(api.get("/api/tickets?status=SLEEPING", AGENT).status()).isEqualTo(400);
    }

    @Test
    void invalidTicketsAreRejectedWithFieldErrors() {
        Map<String, Object> body = Bodies.ticket(org);
        body.remove("title");
        body.put("affectedUserEmail", "not-an-email");
        HttpApi.Answer invalid = api.post("/api/tickets", contact, body);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("title", "affectedUserEmail");
        assertThat(api.raw("/api/tickets", contact, "text/plain", "hello".getBytes()).status()).isEqualTo(415);
        assertThat(api.post("/api/tickets", contact, "{not json").status()).isEqualTo(400);
    }

    @Test
    void noTicketOutsideTheSupportPeriodNorFromAFormerContact() {
        HttpApi.Answer past = api.put("/api/organizations/" + org + "/support-period", ADMIN,
                Map.of("start", "2020-01-01", "end", "2020-12-31"));
        assertThat(past.status()).isEqualTo(200);
        HttpApi.Answer refused = api.post("/api/tickets", contact, Bodies.ticket(org));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/business-rule-violated");
        assertThat(refused.json().get("reason").asText()).isEqualTo("outside-support-period");

        String former = TestTokens.contact("never-a-contact", org);
        HttpApi.Answer notAContact = api.post("/api/tickets", former, Bodies.ticket(org));
        assertThat(notAContact.status()).as("refused at the edge (issue 16, point 2)").isEqualTo(403);
        assertThat(notAContact.json().get("reason").asText()).isEqualTo("not-a-contact");
    }

    @Test
    void internalNotesAreHiddenFromContactsAndContactsCannotWriteThem() {
        String ticket = openedId();
        assertThat(api.post("/api/tickets/" + ticket + "/comments", AGENT, Map.of("body", "check db", "visibility", "INTERNAL")).status())
                .isEqualTo(201);
        HttpApi.Answer reply = api.post("/api/tickets/" + ticket + "/comments", AGENT, Map.of("body", "On it", "visibility", "PUBLIC"));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("status").asText()).isEqualTo("IN_PROGRESS");

        JsonNode seenByContact = api.get("/api/tickets/" + ticket, contact).json();
        assertThat(seenByContact.get("comments").findValuesAsText("body")).containsExactly("On it");
        JsonNode seenByAgent = api.get("/api/tickets/" + ticket, AGENT).json();
        assertThat(seenByAgent.get("comments").findValuesAsText("body")).containsExactly("check db", "On it");

        HttpApi.Answer internalByContact = api.post("/api/tickets/" + ticket + "/comments", contact,
                Map.of("body", "psst", "visibility", "INTERNAL"));
        assertThat(internalByContact.status()).isEqualTo(403);
    }

    @Test
    void statusFollowsTheLifecycleAndRefusesIllegalMovesAndStaleVersions() {
        String ticket = openedId();
        HttpApi.Answer illegal = api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "CLOSED"));
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.json().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/conflict");
        assertThat(illegal.json().get("reason").asText()).isEqualTo("illegal-transition");

        HttpApi.Answer waiting = api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "WAITING_ON_CUSTOMER"),
                "If-Match", "\"0\"");
        assertThat(waiting.status()).as(waiting.toString()).isEqualTo(200);
        assertThat(waiting.header("ETag")).isEqualTo("\"1\"");
        HttpApi.Answer stale = api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "RESOLVED", "resolution", "Quiz timeout raised; the course works again"), "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asText()).endsWith("/stale-version");
        HttpApi.Answer malformed = api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "RESOLVED", "resolution", "Quiz timeout raised; the course works again"), "If-Match", "yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/invalid-request");
        assertThat(malformed.json().at("/errors/0/field").asText()).isEqualTo("If-Match");
        assertThat(api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "RESOLVED", "resolution", "Quiz timeout raised; the course works again"), "If-Match", "\"0\", W/\"5\"").status())
                .as("a list naming no current version is stale").isEqualTo(409);

        assertThat(api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "RESOLVED", "resolution", "Quiz timeout raised; the course works again")).status()).isEqualTo(200);
        HttpApi.Answer reopened = api.post("/api/tickets/" + ticket + "/reopen", contact, Map.of("reason", "Still broken"));
        assertThat(reopened.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "RESOLVED", "resolution", "Quiz timeout raised; the course works again")).status()).isEqualTo(200);
        HttpApi.Answer closed = api.post("/api/tickets/" + ticket + "/status", contact, Map.of("status", "CLOSED"));
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(api.post("/api/tickets/" + ticket + "/reopen", contact, Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(api.post("/api/tickets/" + ticket + "/status", TestTokens.analyst("an-1"), Map.of("status", "RESOLVED", "resolution", "Quiz timeout raised; the course works again")).status())
                .isEqualTo(403);
    }

    @Test
    void aSeverityUpgradeNeedsAJustification() {
        String ticket = openedId();
        HttpApi.Answer bare = api.post("/api/tickets/" + ticket + "/severity", AGENT, Map.of("severity", "S1"));
        assertThat(bare.status()).isEqualTo(422);
        assertThat(bare.json().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/business-rule-violated");
        assertThat(bare.json().get("reason").asText()).isEqualTo("upgrade-without-justification");
        HttpApi.Answer justified = api.post("/api/tickets/" + ticket + "/severity", AGENT,
                Map.of("severity", "S1", "justification", "All students locked out"));
        assertThat(justified.json().get("severity").asText()).isEqualTo("S1");
        assertThat(api.post("/api/tickets/" + ticket + "/severity", contact, Map.of("severity", "S1", "justification", "x")).status())
                .isEqualTo(403);
    }

    @Test
    void agentsLogAndReverseTimeAndContactsRequestEscalation() {
        String ticket = openedId();
        HttpApi.Answer logged = api.post("/api/tickets/" + ticket + "/time-entries", AGENT,
                Map.of("minutes", 45, "rate", "CONSULTANCY", "workDate", "2026-11-20", "note", "Config review"));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        String entry = logged.json().get("entryId").asText();
        assertThat(api.post("/api/tickets/" + ticket + "/time-entries", contact,
                Map.of("minutes", 45, "rate", "STANDARD", "workDate", "2026-11-20", "note", "x")).status()).isEqualTo(403);
        assertThat(api.post("/api/tickets/" + ticket + "/time-entries", AGENT,
                Map.of("minutes", 0, "rate", "STANDARD", "workDate", "2026-11-20", "note", "x")).status()).isEqualTo(400);

        String reversal = "/api/tickets/" + ticket + "/time-entries/" + entry + "/reversal";
        assertThat(api.post(reversal, AGENT, Map.of("reason", "Wrong ticket")).status()).isEqualTo(201);
        assertThat(api.post(reversal, AGENT, Map.of("reason", "Again")).status()).isEqualTo(409);

        HttpApi.Answer escalation = api.post("/api/tickets/" + ticket + "/escalation-requests", contact, Map.of("reason", "No answer"));
        assertThat(escalation.status()).isEqualTo(201);
        assertThat(escalation.json().get("severity").asText()).isEqualTo("S2");
        assertThat(api.post("/api/tickets/" + ticket + "/escalation-requests", contact, Map.of("reason", "")).status()).isEqualTo(400);
    }

    @Test
    void writesAreAnsweredFromTheirOwnTransactionAndTheTrackingProcessorDoesNotApplyThemTwice() {
        TrackingEventProcessor views = processing.eventProcessor(AxonConfig.VIEWS, TrackingEventProcessor.class).orElseThrow();
        views.shutDown();
        String ticket;
        try {
            HttpApi.Answer opened = openTicket();
            ticket = opened.json().get("id").asText();
            HttpApi.Answer commented = api.post("/api/tickets/" + ticket + "/comments", AGENT,
                    Map.of("body", "Written with the tracking processor stopped", "visibility", "PUBLIC"));
            assertThat(commented.status()).as(commented.toString()).isEqualTo(201);
            assertThat(commented.json().get("comments").findValuesAsText("body"))
                    .containsExactly("Written with the tracking processor stopped");
            assertThat(commented.json().get("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(commented.header("ETag")).isEqualTo("\"2\"");
        } finally {
            views.start();
        }
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> views.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
        JsonNode read = api.get("/api/tickets/" + ticket, AGENT).json();
        assertThat(read.get("comments").findValuesAsText("body")).containsExactly("Written with the tracking processor stopped");
        assertThat(read.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void metricsCountOpenedTicketsAndRejectedCommandsOnTheManagementPortOnly() {
        String ticket = openedId();
        api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "CLOSED"));
        assertThat(api.get("/actuator/prometheus", null).status()).as("metrics on the API's port").isEqualTo(404);
        assertThat(api.get("/actuator/prometheus", ADMIN).status()).as("metrics on the API's port").isEqualTo(404);
        HttpApi management = new HttpApi(managementPort);
        String metrics = new String(management.get("/actuator/prometheus", null).bytes());
        assertThat(metrics).containsPattern("helpdesk_tickets_opened_total\\{[^}]*severity=\"S2\"[^}]*type=\"INCIDENT\"");
        assertThat(metrics).containsPattern("helpdesk_commands_rejected_total\\{[^}]*reason=\"illegal-transition\"");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(new String(management.get("/actuator/prometheus", null).bytes()))
                        .containsPattern("helpdesk_tickets_publish_lag_events\\{[^}]*\\} 0\\.0"));
    }

    @Test
    void theApiDocumentDeclaresBearerSecurityAndTheProblemResponsesOfEveryOperation() throws Exception {
        JsonNode document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);

        assertThat(document.at("/paths/~1api~1tickets~1{id}~1status/post/responses/409/content").has("application/problem+json"))
                .as("writes with If-Match answer 409 problems").isTrue();
        assertThat(document.at("/paths/~1api~1tickets/get/parameters").findValuesAsText("name")).contains("page", "size")
                .doesNotContain("caller", "paging");
    }
}
