package dev.helpdesk.escalations;

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

/** Issue 16, points 1, 3 and 8 against the escalation service's own edge, as an attacker would send them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "escalations")
class TokensAndTenancyAttackTest {

    /** Bodies an attacker sends to learn an endpoint's rules: empty, ill-typed, not JSON at all. */
    static final List<String> INVALID_BODIES = List.of("{}", "{\"levels\": 42, \"actionPlan\": \"\"}", "{not json");

    @LocalServerPort
    int port;
    AttackerClient attacker;

    @org.springframework.beans.factory.annotation.Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @org.springframework.beans.factory.annotation.Value("${helpdesk.topics.tickets}")
    String ticketsTopic;
    @org.springframework.beans.factory.annotation.Value("${helpdesk.topics.sla}")
    String slaTopic;
    @org.springframework.beans.factory.annotation.Autowired
    com.fasterxml.jackson.databind.ObjectMapper objectMapper;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeEach
    void client() {
        attacker = new AttackerClient(port);
        // carol is a registered contact of org-1 (the edge refuses contacts it does not know)
        try (DeskEvents desk = new DeskEvents(bootstrapServers, objectMapper, ticketsTopic, slaTopic)) {
            desk.contactAdded("org-1", "carol");
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM contact_membership WHERE organization_id = 'org-1' AND user_id = 'carol'", Long.class) == 1);
    }

    @Test
    void aContactTokenWithoutOrganisationGetsNoList() {
        for (String path : List.of("/api/escalations", "/api/escalations?organizationId=org-1",
                "/api/escalations/" + UUID.randomUUID(), "/api/escalations/ladders/STANDARD")) {
            Answer answer = attacker.get(path, contactWithoutOrganisation());
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.problemType()).isEqualTo("forbidden");
        }
        assertThat(attacker.get("/api/escalations", TestTokens.contact("carol", "org-1")).status()).isEqualTo(200);
    }

    @Test
    void tokensWithoutExpiryOrOfAnotherIssuerOrForAnotherAudienceAreRefused() {
        assertThat(attacker.get("/api/escalations", agentTokenWith(claims -> claims.expirationTime(null))).status()).isEqualTo(401);
        assertThat(attacker.get("/api/escalations", agentTokenWith(claims -> claims.issuer("https://evil.example.org"))).status())
                .isEqualTo(401);
        assertThat(attacker.get("/api/escalations", agentTokenWith(claims -> claims.audience("another-api"))).status())
                .isEqualTo(401);
        assertThat(attacker.get("/api/escalations", agentTokenWith(claims -> { })).status()).isEqualTo(200);
    }

    @Test
    void aContactOrAgentWritingAManagersResourceWithAnInvalidBodyIsForbiddenBeforeTheBodyIsRead() {
        for (String token : List.of(TestTokens.contact("carol", "org-1"), TestTokens.agent("ann"))) {
            for (String body : INVALID_BODIES) {
                Answer ladder = attacker.put("/api/escalations/ladders/STANDARD", token, body);
                assertThat(ladder.status()).as(body).isEqualTo(403);
                assertThat(ladder.problemType()).isEqualTo("forbidden");
                assertThat(attacker.post("/api/escalations/" + UUID.randomUUID() + "/acknowledgement", token, body).status())
                        .as(body).isEqualTo(403);
            }
        }
        assertThat(attacker.put("/api/escalations/ladders/STANDARD", TestTokens.manager("max"), "{not json").status())
                .isEqualTo(400);
    }
}
