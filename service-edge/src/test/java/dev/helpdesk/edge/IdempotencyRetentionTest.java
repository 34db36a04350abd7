package dev.helpdesk.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19: Idempotency-Keys are kept 24 h, and a claim whose request died does not block its key for ever. */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "edge")
class IdempotencyRetentionTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdempotencyRetention retention;

    @Test
    void expiredKeysAndDeadClaimsArePrunedAndRecentOnesKept() {
        String user = "retention-" + UUID.randomUUID();
        row(user, "answered-25-hours-ago", 201, "25 hours");
        row(user, "answered-23-hours-ago", 201, "23 hours");
        row(user, "claimed-3-minutes-ago", null, "3 minutes");
        row(user, "claimed-10-seconds-ago", null, "10 seconds");

        int pruned = retention.prune(); // defaults: 24 h retention, 2 min claim timeout

        assertThat(pruned).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForList("SELECT idem_key FROM idempotent_request WHERE user_id = ?", String.class, user))
                .containsExactlyInAnyOrder("answered-23-hours-ago", "claimed-10-seconds-ago");
    }

    @Test
    void aClaimWhoseRequestDiedIsReleasedWhenItsKeyComesBackAndALiveOneStillBlocks() throws Exception {
        String user = "claims-" + UUID.randomUUID();
        String token = TestTokens.agent(user);
        // what a request leaves behind when its process dies between claiming its key and answering
        String body = "{\"text\":\"again\"}";
        claim(user, "dead", body, "3 minutes");
        claim(user, "live", body, "5 seconds");

        HttpResponse<String> retry = send(post(token, "dead", body));
        HttpResponse<String> blocked = send(post(token, "live", body));
        HttpResponse<String> replayed = send(post(token, "dead", body));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(blocked.statusCode()).isEqualTo(409);
        assertThat(json.readTree(blocked.body()).get("type").asText())
                .isEqualTo("https://helpdesk.dev/problems/idempotency-key-in-progress");
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replayed.body()).isEqualTo(retry.body());
    }

    @Test
    void aKeyPastTheRetentionMayBeUsedForAnotherRequest() throws Exception {
        String user = "expired-" + UUID.randomUUID();
        String token = TestTokens.agent(user);
        HttpResponse<String> first = send(post(token, "reused", "{\"text\":\"one\"}"));
        jdbc.update("UPDATE idempotent_request SET created_at = now() - interval '25 hours' WHERE user_id = ?", user);

        HttpResponse<String> other = send(post(token, "reused", "{\"text\":\"two\"}"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(other.statusCode()).as("not 422: the old answer is gone").isEqualTo(201);
        assertThat(json.readTree(other.body()).get("text").asText()).isEqualTo("two");
    }

    private void row(String user, String key, Integer status, String age) {
        jdbc.update("INSERT INTO idempotent_request (user_id, idem_key, request_hash, status, created_at) "
                + "VALUES (?, ?, 'hash', ?, now() - ?::interval)", user, key, status, age);
    }

    /** A claim of the same request (the filter's hash: method, path and query, then the body) with no answer. */
    private void claim(String user, String key, String body, String age) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update("POST /api/notes?null\n".getBytes(StandardCharsets.UTF_8));
        digest.update(body.getBytes(StandardCharsets.UTF_8));
        jdbc.update("INSERT INTO idempotent_request (user_id, idem_key, request_hash, created_at) "
                + "VALUES (?, ?, ?, now() - ?::interval)", user, key,
                java.util.HexFormat.of().formatHex(digest.digest()), age);
    }

    private HttpRequest post(String token, String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notes"))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
