package dev.helpdesk.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "edge")
class ServiceEdgeTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void aRequestWithoutTokenGetsA401ProblemAndABearerChallenge() throws Exception {
        HttpResponse<String> response = send(get("/api/notes").build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://helpdesk.dev/problems/unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asText()).isEqualTo("A valid bearer token is required.");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/notes");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        String forged = TestTokens.token("mallory", java.util.List.of("admin"), null, java.time.Duration.ofMinutes(5),
                "another-secret-of-at-least-thirty-two-bytes!!");
        HttpResponse<String> response = send(get("/api/notes").header("Authorization", "Bearer " + forged).build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void theServicesOwnRuleRefusesOtherRolesWithA403Problem() throws Exception {
        HttpResponse<String> agent = send(get("/api/admin/notes").header("Authorization", "Bearer " + TestTokens.agent("ann")).build());
        HttpResponse<String> admin = send(get("/api/admin/notes").header("Authorization", "Bearer " + TestTokens.admin("ada")).build());

        assertThat(agent.statusCode()).isEqualTo(403);
        JsonNode problem = json.readTree(agent.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://helpdesk.dev/problems/forbidden");
        assertThat(problem.get("detail").asText()).isEqualTo("Your role may not do this.");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/admin/notes");
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void aSafeCorrelationIdIsEchoedAndAnUnsafeOneReplaced() throws Exception {
        HttpResponse<String> echoed = send(get("/api/notes").header("Authorization", "Bearer " + TestTokens.agent("ann"))
                .header("X-Correlation-Id", "gw-123.abc").build());
        HttpResponse<String> replaced = send(get("/api/notes").header("X-Correlation-Id", "bad id<script>").build());

        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.headers().firstValue("X-Correlation-Id")).hasValue("gw-123.abc");
        assertThat(replaced.statusCode()).isEqualTo(401);
        assertThat(replaced.headers().firstValue("X-Correlation-Id")).hasValueSatisfying(
                id -> assertThat(UUID.fromString(id)).isNotNull());
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstAnswerWithoutRunningTheCommandAgain() throws Exception {
        String token = TestTokens.agent("idem-" + UUID.randomUUID());
        String key = "create-" + UUID.randomUUID();

        HttpResponse<String> first = send(postJson("/api/notes", token, key, "{\"text\":\"hello\"}"));
        HttpResponse<String> again = send(postJson("/api/notes", token, key, "{\"text\":\"hello\"}"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
        assertThat(again.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        int number = json.readTree(first.body()).get("number").asInt();
        HttpResponse<String> next = send(postJson("/api/notes", token, null, "{\"text\":\"other\"}"));
        assertThat(json.readTree(next.body()).get("number").asInt()).isEqualTo(number + 1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefusedWith422AndAnotherUserMayUseTheSameKey() throws Exception {
        String key = "shared-" + UUID.randomUUID();
        String alice = TestTokens.agent("alice-" + UUID.randomUUID());

        HttpResponse<String> first = send(postJson("/api/notes", alice, key, "{\"text\":\"one\"}"));
        HttpResponse<String> different = send(postJson("/api/notes", alice, key, "{\"text\":\"two\"}"));
        HttpResponse<String> otherUser = send(postJson("/api/notes", TestTokens.agent("bob-" + UUID.randomUUID()), key, "{\"text\":\"two\"}"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(different.statusCode()).isEqualTo(422);
        JsonNode problem = json.readTree(different.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://helpdesk.dev/problems/idempotency-key-reused");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/notes");
        assertThat(otherUser.statusCode()).isEqualTo(201);
        assertThat(otherUser.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void anInvalidKeyIsA400ProblemNamingTheHeader() throws Exception {
        HttpResponse<String> response = send(postJson("/api/notes", TestTokens.agent("ann"), "x".repeat(201), "{\"text\":\"x\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://helpdesk.dev/problems/invalid-request");
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void aMultipartUploadIsReplayedAndADifferentFileRefused() throws Exception {
        String token = TestTokens.agent("up-" + UUID.randomUUID());
        String key = "upload-" + UUID.randomUUID();

        HttpResponse<String> first = send(multipart(token, key, "report.txt", "first file"));
        HttpResponse<String> again = send(multipart(token, key, "report.txt", "first file"));
        HttpResponse<String> different = send(multipart(token, key, "report.txt", "second file"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json.readTree(first.body()).get("size").asInt()).isEqualTo(10);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
        assertThat(different.statusCode()).isEqualTo(422);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }

    private HttpRequest postJson(String path, String token, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.build();
    }

    private HttpRequest multipart(String token, String key, String fileName, String content) {
        String boundary = "edge-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + content + "\r\n"
                + "--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notes"))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
