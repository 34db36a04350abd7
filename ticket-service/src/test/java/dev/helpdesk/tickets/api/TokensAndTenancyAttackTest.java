package dev.helpdesk.tickets.api;

import dev.helpdesk.testsupport.AttackerClient;
import dev.helpdesk.testsupport.AttackerClient.Answer;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.UUID;

import static dev.helpdesk.testsupport.AttackerClient.agentTokenWith;
import static dev.helpdesk.testsupport.AttackerClient.contactWithoutOrganisation;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, points 1, 3 and 8 against the ticket service's own edge, as an attacker would send them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "tickets")
class TokensAndTenancyAttackTest {

    /** Bodies an attacker sends to learn an endpoint's rules: empty, ill-typed, not JSON at all. */
    static final List<String> INVALID_BODIES = List.of("{}", "{\"name\": \"\", \"plan\": \"NO-SUCH-PLAN\"}", "{not json");

    @LocalServerPort
    int port;
    AttackerClient attacker;

    @BeforeEach
    void client() {
        attacker = new AttackerClient(port);
    }

    @Test
    void aContactTokenWithoutOrganisationListsNoTicketsAndReadsNothing() {
        String ticket = UUID.randomUUID().toString();
        for (String path : List.of("/api/tickets", "/api/tickets?organizationId=" + UUID.randomUUID(),
                "/api/tickets/" + ticket, "/api/tickets/" + ticket + "/history", "/api/organizations/" + UUID.randomUUID())) {
            Answer answer = attacker.get(path, contactWithoutOrganisation());
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.problemType()).isEqualTo("forbidden");
            assertThat(answer.json().get("detail").asText()).contains("\"org\"");
        }
        assertThat(attacker.get("/api/tickets", dev.helpdesk.tickets.support.Contacts.ofAnotherOrganisation(new dev.helpdesk.tickets.support.HttpApi(port))).status())
                .isEqualTo(200);
    }

    @Test
    void tokensWithoutExpiryOrOfAnotherIssuerOrForAnotherAudienceAreRefused() {
        assertThat(attacker.get("/api/tickets", agentTokenWith(claims -> claims.expirationTime(null))).status()).isEqualTo(401);
        assertThat(attacker.get("/api/tickets", agentTokenWith(claims -> claims.issuer("https://evil.example.org"))).status())
                .isEqualTo(401);
        assertThat(attacker.get("/api/tickets", agentTokenWith(claims -> claims.audience("another-api"))).status())
                .isEqualTo(401);
        assertThat(attacker.get("/api/tickets", agentTokenWith(claims -> { })).status()).isEqualTo(200);
    }

    @Test
    void aContactPostingAnInvalidOrganisationIsForbiddenBeforeTheBodyIsRead() {
        for (String body : INVALID_BODIES) {
            Answer contact = attacker.post("/api/organizations", TestTokens.contact("carol", "org-1"), body);
            assertThat(contact.status()).as(body).isEqualTo(403);
            assertThat(contact.problemType()).isEqualTo("forbidden");
            assertThat(contact.json().has("errors")).isFalse();
            assertThat(attacker.post("/api/organizations", TestTokens.agent("ann"), body).status()).as(body).isEqualTo(403);
        }
        assertThat(attacker.post("/api/organizations", TestTokens.admin("ada"), "{}").status()).isEqualTo(400);
    }

    @Test
    void theOtherAdminAndAgentWritesAreForbiddenToAContactWhateverTheBody() {
        String contact = TestTokens.contact("carol", "org-1");
        String org = "/api/organizations/" + UUID.randomUUID();
        String ticket = "/api/tickets/" + UUID.randomUUID();
        for (String body : INVALID_BODIES) {
            assertThat(attacker.post(org + "/contacts", contact, body).status()).as(body).isEqualTo(403);
            assertThat(attacker.put(org + "/support-period", contact, body).status()).as(body).isEqualTo(403);
            assertThat(attacker.post(org + "/budget-purchases", contact, body).status()).as(body).isEqualTo(403);
            assertThat(attacker.post(ticket + "/assignment", contact, body).status()).as(body).isEqualTo(403);
            assertThat(attacker.post(ticket + "/severity", contact, body).status()).as(body).isEqualTo(403);
            assertThat(attacker.post(ticket + "/time-entries", contact, body).status()).as(body).isEqualTo(403);
        }
    }
}
