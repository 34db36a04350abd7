package dev.helpdesk.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker's tokens against the edge every service shares (issue 16, points 1, 3 and 8): the test
 * infrastructure configures the tests' issuer and audience, as the local stack configures its own.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "edge")
class TokensAndTenancyEdgeTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    private static String agentToken(Consumer<JWTClaimsSet.Builder> adjust) {
        return TestTokens.token("mallory", List.of("agent"), null, Duration.ofHours(1), TestTokens.SECRET, adjust);
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        HttpResponse<String> response = get("/api/notes", agentToken(claims -> claims.expirationTime(null)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json.readTree(response.body()).get("type").asText()).isEqualTo("https://helpdesk.dev/problems/unauthorized");
        assertThat(get("/api/notes", agentToken(claims -> { })).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        assertThat(get("/api/notes", agentToken(claims -> claims.issuer("https://issuer.example.org"))).statusCode()).isEqualTo(401);
        assertThat(get("/api/notes", agentToken(claims -> claims.issuer(null))).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertThat(get("/api/notes", agentToken(claims -> claims.audience("another-api"))).statusCode()).isEqualTo(401);
        assertThat(get("/api/notes", agentToken(claims -> claims.audience((String) null))).statusCode()).isEqualTo(401);
        assertThat(get("/api/notes", agentToken(claims -> claims.audience(List.of("another-api", TestTokens.AUDIENCE))))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aContactWithoutOrganisationIsRefusedEvenWhereNoControllerAsksForTheTenant() throws Exception {
        String noOrganisation = TestTokens.token("mallory", List.of("contact"), null, Duration.ofHours(1), TestTokens.SECRET);
        String noRoleNoOrganisation = TestTokens.token("mallory", List.of(), null, Duration.ofHours(1), TestTokens.SECRET);

        HttpResponse<String> list = get("/api/things", noOrganisation);
        assertThat(list.statusCode()).isEqualTo(403);
        JsonNode problem = json.readTree(list.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://helpdesk.dev/problems/forbidden");
        assertThat(problem.get("detail").asText()).isEqualTo("Your token names no organisation (claim \"org\").");
        assertThat(get("/api/notes", noRoleNoOrganisation).statusCode()).isEqualTo(403);
        assertThat(get("/api/things/org-1", noOrganisation).statusCode()).isEqualTo(403);
        assertThat(get("/api/things", TestTokens.contact("carol", "org-1")).statusCode()).isEqualTo(200);
        // an open path answers as it does for anyone (no actuator in this test application: 404, not 403)
        assertThat(get("/actuator/health", noOrganisation).statusCode()).isEqualTo(404);
    }

    @Test
    void aContactPostingAnInvalidBodyToAnAdminsEndpointGetsForbiddenNotTheBodysRules() throws Exception {
        String contact = TestTokens.contact("carol", "org-1");
        for (String body : List.of("{}", "{\"name\": \"\", \"kind\": \"HUGE\"}", "{not json")) {
            HttpResponse<String> response = post("/api/things/standard", contact, body);
            assertThat(response.statusCode()).as(body).isEqualTo(403);
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("type").asText()).isEqualTo("https://helpdesk.dev/problems/forbidden");
            assertThat(problem.has("errors")).isFalse();
        }
        assertThat(post("/api/things/standard", TestTokens.admin("ada"), "{}").statusCode()).isEqualTo(400);
        assertThat(post("/api/things/standard", TestTokens.admin("ada"), "{\"name\": \"n\", \"kind\": \"SMALL\"}").statusCode())
                .isEqualTo(201);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token);
    }
}
