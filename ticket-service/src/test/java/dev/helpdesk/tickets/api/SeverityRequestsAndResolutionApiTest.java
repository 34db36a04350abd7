package dev.helpdesk.tickets.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.ticket.TicketStatusChangedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21, points 6-8 on the ticket API: severity requests, the resolution summary, time entries with a start. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureObservability(tracing = false)
@RealInfrastructure(database = "tickets")
class SeverityRequestsAndResolutionApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    HttpApi api;
    String org;
    String contact;
    String ticket;

    @BeforeEach
    void aTicketOfAContact() {
        api = new HttpApi(port);
        HttpApi.Answer registered = api.post("/api/organizations", ADMIN, Bodies.organization("Uni " + UUID.randomUUID()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        org = registered.json().get("id").asText();
        String user = "contact-" + UUID.randomUUID();
        assertThat(api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact(user)).status()).isEqualTo(201);
        contact = TestTokens.contact(user, org);
        HttpApi.Answer opened = api.post("/api/tickets", contact, Bodies.ticket(org));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        ticket = "/api/tickets/" + opened.json().get("id").asText();
    }

    @Test
    void aContactRequestsAnUpgradeAndSupportAcceptsItWithAJustification() {
        HttpApi.Answer requested = api.post(ticket + "/severity-requests", contact,
                Map.of("severity", "S1", "reason", "No teacher can log in since 9:00"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        String requestId = requested.json().get("requestId").asText();
        assertThat(requested.json().get("state").asText()).isEqualTo("OPEN");
        assertThat(requested.json().get("from").asText()).isEqualTo("S2");
        assertThat(requested.json().get("requested").asText()).isEqualTo("S1");

        HttpApi.Answer second = api.post(ticket + "/severity-requests", contact, Map.of("severity", "S3", "reason", "or not"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("reason").asText()).isEqualTo("severity-request-open");

        String decision = ticket + "/severity-requests/" + requestId + "/decision";
        HttpApi.Answer unjustified = api.post(decision, AGENT, Map.of("accept", true));
        assertThat(unjustified.status()).isEqualTo(422);
        assertThat(unjustified.json().get("reason").asText()).isEqualTo("upgrade-without-justification");
        assertThat(api.post(decision, contact, Map.of("accept", true, "reason", "me")).status()).isEqualTo(403);

        HttpApi.Answer accepted = api.post(decision, AGENT, Map.of("accept", true, "reason", "Confirmed: login down for all"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("severity").asText()).isEqualTo("S1");
        assertThat(api.post(decision, AGENT, Map.of("accept", false, "reason", "again")).json().get("reason").asText())
                .isEqualTo("severity-request-decided");

        JsonNode seen = api.get(ticket, contact).json().get("severityRequests").get(0);
        assertThat(seen.get("state").asText()).isEqualTo("ACCEPTED");
        assertThat(seen.get("decisionReason").asText()).isEqualTo("Confirmed: login down for all");
        assertThat(seen.get("reason").asText()).isEqualTo("No teacher can log in since 9:00");

        JsonNode history = api.get(ticket + "/history", AGENT).json().get("items");
        assertThat(history.findValuesAsText("type")).containsSubsequence("helpdesk.ticket.severity-change-requested.v1",
                "helpdesk.ticket.severity-change-request-decided.v1", "helpdesk.ticket.severity-changed.v1");
    }

    @Test
    void aDeclinedRequestChangesNothingAndTheContactSeesWhy() {
        String requestId = api.post(ticket + "/severity-requests", contact, Map.of("severity", "S4", "reason", "Workaround found"))
                .json().get("requestId").asText();
        String decision = ticket + "/severity-requests/" + requestId + "/decision";
        assertThat(api.post(decision, AGENT, Map.of("accept", false)).json().get("reason").asText()).isEqualTo("decline-without-reason");
        HttpApi.Answer declined = api.post(decision, AGENT, Map.of("accept", false, "reason", "The workaround loses grades"));
        assertThat(declined.status()).isEqualTo(200);
        assertThat(declined.json().get("severity").asText()).isEqualTo("S2");
        JsonNode seen = api.get(ticket, contact).json().get("severityRequests").get(0);
        assertThat(seen.get("state").asText()).isEqualTo("DECLINED");
        assertThat(seen.get("decisionReason").asText()).isEqualTo("The workaround loses grades");
        assertThat(api.post(ticket + "/severity-requests/" + UUID.randomUUID() + "/decision", AGENT,
                Map.of("accept", false, "reason", "x")).status()).isEqualTo(404);
    }

    @Test
    void requestsNeedAReasonAnotherSeverityAndAContactOfTheOrganisation() {
        HttpApi.Answer noReason = api.post(ticket + "/severity-requests", contact, Map.of("severity", "S1", "reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().at("/errors/0/field").asText()).isEqualTo("reason");
        HttpApi.Answer same = api.post(ticket + "/severity-requests", contact, Map.of("severity", "S2", "reason", "same"));
        assertThat(same.status()).isEqualTo(422);
        assertThat(same.json().get("reason").asText()).isEqualTo("severity-unchanged");
        assertThat(api.post(ticket + "/severity-requests", AGENT, Map.of("severity", "S1", "reason", "x")).status()).isEqualTo(403);
        String stranger = dev.helpdesk.tickets.support.Contacts.ofAnotherOrganisation(api);
        assertThat(api.post(ticket + "/severity-requests", stranger, Map.of("severity", "S1", "reason", "x")).status()).isEqualTo(404);
    }

    @Test
    void resolvingNeedsASummaryThatTheContactSeesUntilAReopen() {
        HttpApi.Answer bare = api.post(ticket + "/status", AGENT, Map.of("status", "RESOLVED"));
        assertThat(bare.status()).as(bare.toString()).isEqualTo(400);
        assertThat(bare.json().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/invalid-request");
        assertThat(bare.json().at("/errors/0/field").asText()).isEqualTo("resolution");
        assertThat(api.post(ticket + "/status", AGENT, Map.of("status", "RESOLVED", "resolution", "  ")).status()).isEqualTo(400);
        assertThat(api.post(ticket + "/status", AGENT, Map.of("status", "WAITING_ON_CUSTOMER", "resolution", "x")).status())
                .isEqualTo(400);

        HttpApi.Answer resolved = api.post(ticket + "/status", AGENT,
                Map.of("status", "RESOLVED", "resolution", "Session timeout raised to 4h; retry the quiz"));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(api.get(ticket, contact).json().get("resolution").asText()).isEqualTo("Session timeout raised to 4h; retry the quiz");
        assertThat(api.post(ticket + "/reopen", contact, Map.of("reason", "Still times out")).json().get("resolution").isNull()).isTrue();
        api.post(ticket + "/status", AGENT, Map.of("status", "RESOLVED", "resolution", "Proxy timeout raised too"));
        HttpApi.Answer closed = api.post(ticket + "/status", contact, Map.of("status", "CLOSED"));
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().get("resolution").asText()).isEqualTo("Proxy timeout raised too");
    }

    @Test
    void aStartInstantDatesTheEntryInTheOrganisationsZoneAndMustAgreeWithAGivenDate() {
        // Bodies.organization registers in Europe/Berlin (+01:00 in winter): 23:30Z on 31 Dec is 00:30 on 1 Jan there.
        HttpApi.Answer started = api.post(ticket + "/time-entries", AGENT, Map.of("minutes", 30, "rate", "STANDARD",
                "startedAt", "2025-12-31T23:30:00Z", "note", "Night call"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode logged = null;
        for (JsonNode event : api.get(ticket + "/history", AGENT).json().get("items")) {
            if (event.get("type").asText().equals("helpdesk.ticket.time-entry-logged.v1")) {
                logged = event.get("data");
            }
        }
        assertThat(logged).isNotNull();
        assertThat(logged.get("workDate").asText()).isEqualTo("2026-01-01");
        assertThat(logged.get("startedAt").asText()).isEqualTo("2025-12-31T23:30:00Z");

        HttpApi.Answer disagreeing = api.post(ticket + "/time-entries", AGENT, Map.of("minutes", 30, "rate", "STANDARD",
                "startedAt", "2025-12-31T23:30:00Z", "workDate", "2025-12-31", "note", "x"));
        assertThat(disagreeing.status()).as(disagreeing.toString()).isEqualTo(400);
        assertThat(disagreeing.json().at("/errors/0/field").asText()).isEqualTo("workDate");
        HttpApi.Answer neither = api.post(ticket + "/time-entries", AGENT, Map.of("minutes", 30, "rate", "STANDARD", "note", "x"));
        assertThat(neither.status()).isEqualTo(400);
        assertThat(api.post(ticket + "/time-entries", AGENT, Map.of("minutes", 30, "rate", "STANDARD",
                "startedAt", "2025-12-31T23:30:00Z", "workDate", "2026-01-01", "note", "x")).status()).isEqualTo(201);
    }

    @Test
    void eventsStoredInTheOldShapeStillLoad() {
        TicketStatusChangedEvent status = deserialize(TicketStatusChangedEvent.class, """
                {"ticketId":"t-1","from":"IN_PROGRESS","to":"RESOLVED","reason":"done","changedBy":"agent-1",
                 "changedByKind":"STAFF","automatic":false,"changedAt":"2026-03-01T10:00:00Z"}""");
        assertThat(status.to().name()).isEqualTo("RESOLVED");
        assertThat(status.resolution()).isNull();
        TimeEntryLoggedEvent entry = deserialize(TimeEntryLoggedEvent.class, """
                {"ticketId":"t-1","organizationId":"o-1","entryId":"e-1","agentId":"agent-1","minutes":30,
                 "rate":"STANDARD","workDate":"2026-03-01","note":"x","loggedAt":"2026-03-01T10:00:00Z"}""");
        assertThat(entry.workDate()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(entry.loggedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(entry.startedAt()).isNull();
    }

    @Test
    void theApiDocumentDescribesTheNewEndpointsAndFields() throws Exception {
        JsonNode document = dev.helpdesk.testsupport.ApiDocumentAssertions.assertServesTheEdgeDocument(port);
        assertThat(document.at("/paths/~1api~1tickets~1{id}~1severity-requests/post/responses").has("201")).isTrue();
        assertThat(document.at("/paths/~1api~1tickets~1{id}~1severity-requests~1{requestId}~1decision/post/responses/422")
                .isMissingNode()).isFalse();
        assertThat(document.at("/components/schemas/StatusChange/properties/resolution/description").asText()).contains("RESOLVED");
        assertThat(document.at("/components/schemas/TimeEntry/properties").has("startedAt")).isTrue();
        assertThat(document.at("/components/schemas/TicketView/properties").has("severityRequests")).isTrue();
        assertThat(document.at("/components/schemas/TicketView/properties").has("resolution")).isTrue();
    }

    private <T> T deserialize(Class<T> type, String json) {
        return eventSerializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                type.getName(), null));
    }
}
