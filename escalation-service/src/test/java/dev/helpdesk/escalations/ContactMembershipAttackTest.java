package dev.helpdesk.escalations;

import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.testsupport.AttackerClient;
import dev.helpdesk.testsupport.AttackerClient.Answer;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, point 2 against the escalation service's edge: a contact removed by the organisation's own event, and a
 * user never registered as a contact who holds role {@code contact} and the right {@code org}, get 403
 * {@code not-a-contact} on reads and writes (within the documented bound of 5 s after the removal is applied).
 */
class ContactMembershipAttackTest extends RunningService {

    /** The cache's TTL (the documented bound) and generous room for the consumer on a busy CI machine. */
    static final Duration BOUND = Duration.ofSeconds(5).plusSeconds(15);

    @Test
    void aRemovedContactIsRefusedOnItsNextReadAndWrite() {
        String org = id();
        String userId = "carol-" + UUID.randomUUID();
        String ticket = openTicket(org, Plan.STANDARD, Severity.S2);
        desk.escalationRequested(ticket, org, userId);
        String escalation = awaitEscalations(ticket, 1).get(0).path("id").asText();
        AttackerClient attacker = new AttackerClient(port);
        String token = contact(userId, org);
        assertThat(attacker.get("/api/escalations/" + escalation, token).status()).isEqualTo(200);
        assertThat(attacker.get("/api/escalations?ticketId=" + ticket, token).status()).isEqualTo(200);
        Answer roleRefusal = attacker.post("/api/escalations/" + escalation + "/acknowledgement", token, "{\"actionPlan\":\"x\"}");
        assertThat(roleRefusal.status()).isEqualTo(403);
        assertThat(roleRefusal.json().path("reason").asText()).isNotEqualTo("not-a-contact");

        desk.contactRemoved(org, userId);

        await().atMost(BOUND).untilAsserted(() -> assertNotAContact(attacker.get("/api/escalations/" + escalation, token)));
        assertNotAContact(attacker.get("/api/escalations?ticketId=" + ticket, token));
        assertNotAContact(attacker.get("/api/escalations/ladders/STANDARD", token));
        assertNotAContact(attacker.post("/api/escalations/" + escalation + "/acknowledgement", token, "{\"actionPlan\":\"x\"}"));
    }

    @Test
    void aUserNeverRegisteredAsAContactIsRefusedThoughItsTokenSaysContactOfTheRightOrganisation() {
        String org = id();
        String ticket = openTicket(org, Plan.STANDARD, Severity.S2);
        desk.escalationRequested(ticket, org, "carol");
        String escalation = awaitEscalations(ticket, 1).get(0).path("id").asText();
        contact("carol-" + UUID.randomUUID(), org);
        String mallory = TestTokens.contact("mallory-" + UUID.randomUUID(), org);
        AttackerClient attacker = new AttackerClient(port);

        assertNotAContact(attacker.get("/api/escalations/" + escalation, mallory));
        assertNotAContact(attacker.get("/api/escalations", mallory));
        assertNotAContact(attacker.get("/api/escalations/ladders/STANDARD", mallory));
        assertNotAContact(attacker.post("/api/escalations/" + escalation + "/acknowledgement", mallory, "{\"actionPlan\":\"x\"}"));
        assertThat(attacker.get("/api/escalations/" + escalation, AGENT).status()).as("staff are not contacts").isEqualTo(200);
    }

    static void assertNotAContact(Answer answer) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.problemType()).isEqualTo("forbidden");
        assertThat(answer.json().path("reason").asText()).isEqualTo("not-a-contact");
    }
}
