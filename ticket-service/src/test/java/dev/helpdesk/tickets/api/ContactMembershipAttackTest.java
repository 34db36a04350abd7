package dev.helpdesk.tickets.api;

import dev.helpdesk.testsupport.AttackerClient.Answer;
import dev.helpdesk.testsupport.AttackerClient;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.Contacts;
import dev.helpdesk.tickets.support.HttpApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, point 2 against the ticket service's edge: a contact an admin removed, and a user never registered as a
 * contact who holds role {@code contact} and the right {@code org}, get 403 {@code not-a-contact} on every read and
 * write: reading, commenting, attaching, closing, reopening, escalating, opening (within the documented bound of 5 s
 * after the removal; at once on the instance that removed it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "tickets")
class ContactMembershipAttackTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");
    /** The cache's TTL (the documented bound) and room for a busy CI machine. */
    static final Duration BOUND = Duration.ofSeconds(5).plusSeconds(15);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

    @LocalServerPort
    int port;
    HttpApi api;
    AttackerClient attacker;
    String org;
    String ticket;

    @BeforeEach
    void organisationWithATicket() {
        api = new HttpApi(port);
        attacker = new AttackerClient(port);
        HttpApi.Answer registered = api.post("/api/organizations", ADMIN, Bodies.organization("Uni " + UUID.randomUUID()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        org = registered.json().get("id").asText();
        String opener = Contacts.add(api, org, "opener-" + UUID.randomUUID());
        HttpApi.Answer opened = api.post("/api/tickets", opener, Bodies.ticket(org));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        ticket = opened.json().get("id").asText();
    }

    @Test
    void aRemovedContactIsRefusedOnItsNextReadAndWrite() {
        String userId = "carol-" + UUID.randomUUID();
        String carol = Contacts.add(api, org, userId);
        assertThat(api.get("/api/tickets/" + ticket, carol).status()).isEqualTo(200);
        assertThat(api.post("/api/tickets/" + ticket + "/comments", carol, Map.of("body", "still there?", "visibility", "PUBLIC"))
                .status()).isEqualTo(201);

        assertThat(api.delete("/api/organizations/" + org + "/contacts/" + userId, ADMIN).status()).isEqualTo(204);

        await().atMost(BOUND).untilAsserted(() -> assertNotAContact(attacker.get("/api/tickets/" + ticket, carol)));
        assertEveryReadAndWriteRefused(carol);
    }

    @Test
    void aUserNeverRegisteredAsAContactIsRefusedThoughItsTokenSaysContactOfTheRightOrganisation() {
        String mallory = TestTokens.contact("mallory-" + UUID.randomUUID(), org);
        assertEveryReadAndWriteRefused(mallory);
        assertThat(api.get("/api/tickets/" + ticket, AGENT).status()).as("staff are not contacts").isEqualTo(200);
    }

    private void assertEveryReadAndWriteRefused(String token) {
        String path = "/api/tickets/" + ticket;
        assertNotAContact(attacker.get(path, token));
        assertNotAContact(attacker.get("/api/tickets", token));
        assertNotAContact(attacker.get("/api/tickets?organizationId=" + org, token));
        assertNotAContact(attacker.get(path + "/history", token));
        assertNotAContact(attacker.get("/api/organizations/" + org, token));
        assertNotAContact(attacker.post(path + "/comments", token, "{\"body\":\"hi\",\"visibility\":\"PUBLIC\"}"));
        assertNotAContact(attacker.post(path + "/status", token, "{\"status\":\"CLOSED\"}"));
        assertNotAContact(attacker.post(path + "/reopen", token, "{\"reason\":\"again\"}"));
        assertNotAContact(attacker.post(path + "/escalation-requests", token, "{\"reason\":\"now\"}"));
        assertNotAContact(attacker.post("/api/tickets", token, "{\"organizationId\":\"" + org + "\"}"));
        HttpApi.Answer upload = api.upload(path + "/attachments", token, "x.png", "image/png", PNG);
        assertThat(upload.status()).isEqualTo(403);
        assertThat(upload.json().get("reason").asText()).isEqualTo("not-a-contact");
        assertThat(api.get(path, AGENT).json().get("comments").findValuesAsText("body")).doesNotContain("hi");
    }

    static void assertNotAContact(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.problemType()).isEqualTo("forbidden");
        assertThat(answer.json().path("reason").asText()).isEqualTo("not-a-contact");
    }
}
