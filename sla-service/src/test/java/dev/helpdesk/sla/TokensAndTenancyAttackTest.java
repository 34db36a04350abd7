package dev.helpdesk.sla;

import dev.helpdesk.testsupport.AttackerClient;
import dev.helpdesk.testsupport.AttackerClient.Answer;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static dev.helpdesk.testsupport.AttackerClient.agentTokenWith;
import static dev.helpdesk.testsupport.AttackerClient.contactWithoutOrganisation;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, points 1, 3 and 8 against the SLA service's own edge, as an attacker would send them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "sla")
class TokensAndTenancyAttackTest {

    /** Bodies an attacker sends to learn an endpoint's rules: ill-typed or not JSON at all. */
    static final List<String> INVALID_BODIES = List.of("[]", "{\"targets\": 42, \"calendarId\": {}}", "{not json");

    @LocalServerPort
    int port;
    AttackerClient attacker;

    @org.springframework.beans.factory.annotation.Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @org.springframework.beans.factory.annotation.Value("${helpdesk.topics.tickets}")
    String ticketsTopic;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeEach
    void client() {
        attacker = new AttackerClient(port);
        // carol is a registered contact of org-1 (the edge refuses contacts it does not know)
        try (var events = new dev.helpdesk.sla.support.TicketEvents(bootstrapServers, ticketsTopic)) {
            events.contactAdded("org-1", "carol");
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM contact_membership WHERE organization_id = 'org-1' AND user_id = 'carol'", Long.class) == 1);
    }

    @Test
    void aContactTokenWithoutOrganisationGetsNoList() {
        for (String path : List.of("/api/sla/policies", "/api/sla/calendars",
                "/api/sla/reports/compliance?organizationId=org-1&from=2026-01-01&to=2026-02-01")) {
            Answer answer = attacker.get(path, contactWithoutOrganisation());
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.problemType()).isEqualTo("forbidden");
        }
        assertThat(attacker.get("/api/sla/policies", TestTokens.contact("carol", "org-1")).status()).isEqualTo(200);
    }

    @Test
    void tokensWithoutExpiryOrOfAnotherIssuerOrForAnotherAudienceAreRefused() {
        assertThat(attacker.get("/api/sla/policies", agentTokenWith(claims -> claims.expirationTime(null))).status()).isEqualTo(401);
        assertThat(attacker.get("/api/sla/policies", agentTokenWith(claims -> claims.issuer("https://evil.example.org"))).status())
                .isEqualTo(401);
        assertThat(attacker.get("/api/sla/policies", agentTokenWith(claims -> claims.audience("another-api"))).status())
                .isEqualTo(401);
        assertThat(attacker.get("/api/sla/policies", agentTokenWith(claims -> { })).status()).isEqualTo(200);
    }

    @Test
    void aContactWritingAPolicyWithAnInvalidBodyIsForbiddenBeforeTheBodyIsRead() {
        String contact = TestTokens.contact("carol", "org-1");
        for (String body : INVALID_BODIES) {
            Answer policy = attacker.put("/api/sla/policies/p-attack", contact, body);
            assertThat(policy.status()).as(body).isEqualTo(403);
            assertThat(policy.problemType()).isEqualTo("forbidden");
            assertThat(attacker.put("/api/sla/calendars/c-attack", contact, body).status()).as(body).isEqualTo(403);
            assertThat(attacker.put("/api/sla/organizations/org-1/policy", contact, body).status()).as(body).isEqualTo(403);
            assertThat(attacker.post("/api/sla/simulations", contact, body).status()).as(body).isEqualTo(403);
        }
        assertThat(attacker.put("/api/sla/policies/p-attack", TestTokens.admin("ada"), "{not json").status()).isEqualTo(400);
    }
}
