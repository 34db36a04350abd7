package dev.helpdesk.tickets.api;

import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "tickets")
class OrganizationApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");

    @LocalServerPort
    int port;
    HttpApi api;

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    String register() {
        HttpApi.Answer registered = api.post("/api/organizations", ADMIN, Bodies.organization("Uni " + UUID.randomUUID()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("id").asText();
    }

    @Test
    void anAdminRegistersAnOrganisationAndAContactReadsItWithItsContacts() {
        String org = register();
        assertThat(api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact("c1")).status()).isEqualTo(201);

        HttpApi.Answer read = api.get("/api/organizations/" + org, TestTokens.contact("c1", org));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("plan").asText()).isEqualTo("STANDARD");
        assertThat(read.json().get("contactLimit").asInt()).isEqualTo(3);
        assertThat(read.json().get("budget").get("amount").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(read.json().get("contacts").get(0).get("userId").asText()).isEqualTo("c1");
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void anotherTenantsOrganisationIsNotFound() {
        String org = register();
        String other = register();
        HttpApi.Answer read = api.get("/api/organizations/" + org, dev.helpdesk.tickets.support.Contacts.add(api, other, "c1"));
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/organizations/" + UUID.randomUUID(), ADMIN).status()).isEqualTo(404);
    }

    @Test
    void aFourthContactBreaksThePlanLimit() {
        String org = register();
        for (String user : List.of("c1", "c2", "c3")) {
            assertThat(api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact(user)).status()).isEqualTo(201);
        }
        HttpApi.Answer fourth = api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact("c4"));
        assertThat(fourth.status()).isEqualTo(422);
        assertThat(fourth.json().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/business-rule-violated");
        assertThat(fourth.json().get("reason").asText()).isEqualTo("contact-limit");
        assertThat(fourth.json().get("detail").asText()).contains("at most 3");

        assertThat(api.delete("/api/organizations/" + org + "/contacts/c2", ADMIN).status()).isEqualTo(204);
        assertThat(api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact("c4")).status()).isEqualTo(201);
        assertThat(api.delete("/api/organizations/" + org + "/contacts/nobody", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void changesTheSupportPeriodAndTopsUpTheBudget() {
        String org = register();
        LocalDate end = LocalDate.now().plusYears(3);
        HttpApi.Answer period = api.put("/api/organizations/" + org + "/support-period", ADMIN,
                Map.of("start", LocalDate.now().toString(), "end", end.toString()));
        assertThat(period.status()).as(period.toString()).isEqualTo(200);
        assertThat(period.json().get("supportPeriod").get("end").asText()).isEqualTo(end.toString());

        HttpApi.Answer purchase = api.post("/api/organizations/" + org + "/budget-purchases", ADMIN,
                Map.of("amount", 1000.00, "currency", "EUR"));
        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(201);
        assertThat(purchase.json().get("purchasedTotal").decimalValue()).isEqualByComparingTo("5000.00");

        HttpApi.Answer wrongCurrency = api.post("/api/organizations/" + org + "/budget-purchases", ADMIN,
                Map.of("amount", 10, "currency", "USD"));
        assertThat(wrongCurrency.status()).isEqualTo(422);
    }

    @Test
    void aStaleIfMatchIsAConflict() {
        String org = register();
        HttpApi.Answer added = api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact("c1"), "If-Match", "\"0\"");
        assertThat(added.status()).isEqualTo(201);
        HttpApi.Answer stale = api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact("c2"), "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asText()).endsWith("/stale-version");
    }

    @Test
    void invalidInputIsA400WithFieldErrors() {
        Map<String, Object> body = Bodies.organization("");
        body.put("timeZone", "");
        HttpApi.Answer invalid = api.post("/api/organizations", ADMIN, body);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("name", "timeZone");

        body = Bodies.organization("X");
        body.put("plan", "PLATINUM");
        HttpApi.Answer unknownPlan = api.post("/api/organizations", ADMIN, body);
        assertThat(unknownPlan.status()).isEqualTo(400);
        assertThat(unknownPlan.toString()).doesNotContain("Exception").doesNotContain("dev.helpdesk");

        body = Bodies.organization("X");
        body.put("timeZone", "Mars/Olympus");
        assertThat(api.post("/api/organizations", ADMIN, body).status()).isEqualTo(422);
    }

    @Test
    void onlyAdminsWriteAndEveryoneNeedsAValidToken() {
        HttpApi.Answer byAgent = api.post("/api/organizations", TestTokens.agent("a1"), Bodies.organization("X"));
        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(byAgent.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.post("/api/organizations", null, Bodies.organization("X")).status()).isEqualTo(401);
        String expired = TestTokens.token("admin-1", List.of("admin"), null, Duration.ofMinutes(-5), TestTokens.SECRET);
        assertThat(api.post("/api/organizations", expired, Bodies.organization("X")).status()).isEqualTo(401);
        String forged = TestTokens.token("admin-1", List.of("admin"), null, Duration.ofHours(1), "another-secret-another-secret-another-secret");
        assertThat(api.post("/api/organizations", forged, Bodies.organization("X")).status()).isEqualTo(401);
    }

    @Test
    void publishesAnOpenApiDocument() {
        HttpApi.Answer docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/tickets")).isTrue();
        assertThat(docs.json().get("paths").has("/api/organizations/{id}/contacts")).isTrue();
    }
}
