package dev.helpdesk.sla;

import dev.helpdesk.testsupport.AttackerClient;
import dev.helpdesk.testsupport.AttackerClient.Answer;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, point 2 against the SLA service's edge: a contact removed by the organisation's own event, and a user
 * never registered as a contact who holds role {@code contact} and the right {@code org}, get 403
 * {@code not-a-contact} on reads and writes (within the documented bound of 5 s after the removal is applied).
 */
class ContactMembershipAttackTest extends SlaServiceTestBase {

    /** The cache's TTL (the documented bound) and generous room for the consumer on a busy CI machine. */
    static final Duration BOUND = Duration.ofSeconds(5).plusSeconds(15);

    @Test
    void aRemovedContactIsRefusedOnItsNextReadAndWrite() {
        String organizationId = "org-" + UUID.randomUUID();
        String userId = "carol-" + UUID.randomUUID();
        AttackerClient attacker = new AttackerClient(port);
        String token = contact(userId, organizationId);
        assertThat(attacker.get(read(organizationId), token).status()).isEqualTo(200);
        assertThat(attacker.get("/api/sla/policies", token).status()).isEqualTo(200);
        Answer roleRefusal = attacker.post("/api/sla/simulations", token, simulation());
        assertThat(roleRefusal.status()).isEqualTo(403);
        assertThat(roleRefusal.json().path("reason").asText()).isNotEqualTo("not-a-contact");

        events.contactRemoved(organizationId, userId);

        await().atMost(BOUND).untilAsserted(() -> assertNotAContact(attacker.get(read(organizationId), token)));
        assertNotAContact(attacker.get("/api/sla/policies", token));
        assertNotAContact(attacker.post("/api/sla/simulations", token, simulation()));
        assertNotAContact(attacker.put("/api/sla/organizations/" + organizationId + "/policy", token, "{\"policyId\":\"dedicated\"}"));
    }

    @Test
    void aUserNeverRegisteredAsAContactIsRefusedThoughItsTokenSaysContactOfTheRightOrganisation() {
        String organizationId = "org-" + UUID.randomUUID();
        contact("carol-" + UUID.randomUUID(), organizationId);
        String mallory = TestTokens.contact("mallory-" + UUID.randomUUID(), organizationId);
        AttackerClient attacker = new AttackerClient(port);

        assertNotAContact(attacker.get(read(organizationId), mallory));
        assertNotAContact(attacker.get("/api/sla/policies", mallory));
        assertNotAContact(attacker.get("/api/sla/tickets/" + UUID.randomUUID(), mallory));
        assertNotAContact(attacker.post("/api/sla/simulations", mallory, simulation()));
        assertThat(attacker.get("/api/sla/policies", AGENT).status()).as("staff are not contacts").isEqualTo(200);
    }

    private static String read(String organizationId) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        return "/api/sla/reports/compliance?organizationId=" + organizationId + "&from=" + today + "&to=" + today;
    }

    private static String simulation() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        return "{\"policy\":\"dedicated\",\"from\":\"" + today + "\",\"to\":\"" + today + "\"}";
    }

    static void assertNotAContact(Answer answer) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.problemType()).isEqualTo("forbidden");
        assertThat(answer.json().path("reason").asText()).isEqualTo("not-a-contact");
    }
}
