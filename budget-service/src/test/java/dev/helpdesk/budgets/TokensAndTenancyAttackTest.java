package dev.helpdesk.budgets;

import dev.helpdesk.budgets.fixtures.TicketTopicCreation;
import dev.helpdesk.testsupport.AttackerClient;
import dev.helpdesk.testsupport.AttackerClient.Answer;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import java.util.List;

import static dev.helpdesk.testsupport.AttackerClient.agentTokenWith;
import static dev.helpdesk.testsupport.AttackerClient.contactWithoutOrganisation;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, points 1, 3 and 8 against the budget service's own edge, as an attacker would send them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "budgets")
@DirtiesContext // closed while the broker still runs, so the JVM exits without waiting for Kafka clients
@Import(TicketTopicCreation.class)
class TokensAndTenancyAttackTest {

    @LocalServerPort
    int port;
    AttackerClient attacker;

    @BeforeEach
    void client() {
        attacker = new AttackerClient(port);
    }

    @Test
    void aContactTokenWithoutOrganisationGetsNoBudgetAndNoTimesheet() {
        for (String path : List.of("/api/budgets/org-1", "/api/budgets/org-1/entries", "/api/budgets/org-1/burndown")) {
            Answer answer = attacker.get(path, contactWithoutOrganisation());
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.problemType()).isEqualTo("forbidden");
        }
    }

    @Test
    void tokensWithoutExpiryOrOfAnotherIssuerOrForAnotherAudienceAreRefused() {
        String path = "/api/budgets/org-unknown";
        assertThat(attacker.get(path, agentTokenWith(claims -> claims.expirationTime(null))).status()).isEqualTo(401);
        assertThat(attacker.get(path, agentTokenWith(claims -> claims.issuer("https://evil.example.org"))).status()).isEqualTo(401);
        assertThat(attacker.get(path, agentTokenWith(claims -> claims.audience("another-api"))).status()).isEqualTo(401);
        assertThat(attacker.get(path, agentTokenWith(claims -> { })).status()).isEqualTo(404);
    }

    @Test
    void aContactStartingARebuildWithAnInvalidBodyIsForbidden() {
        Answer rebuild = attacker.post("/api/admin/budgets/replays", TestTokens.contact("carol", "org-1"), "{not json");
        assertThat(rebuild.status()).isEqualTo(403);
        assertThat(rebuild.problemType()).isEqualTo("forbidden");
    }
}
