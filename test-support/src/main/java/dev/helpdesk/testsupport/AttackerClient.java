package dev.helpdesk.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Real HTTP requests with whatever token and body an attacker picks, against a service on {@code localhost}, and
 * the tokens such tests need: without {@code exp}, of another issuer, for another audience, without {@code org}.
 */
public final class AttackerClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    public AttackerClient(int port) {
        this.port = port;
    }

    /** What came back: the status and the body (a problem, usually). */
    public record Answer(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The last part of the problem's {@code type}, e.g. {@code forbidden}. */
        public String problemType() {
            String type = json().path("type").asText();
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }

    public Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Answer post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** An agent's token of the tests' secret, changed as the attacker likes before signing. */
    public static String agentTokenWith(Consumer<JWTClaimsSet.Builder> adjust) {
        return TestTokens.token("mallory", List.of("agent"), null, Duration.ofHours(1), TestTokens.SECRET, adjust);
    }

    /** A validly signed contact token that names no organisation. */
    public static String contactWithoutOrganisation() {
        return TestTokens.token("mallory", List.of("contact"), null, Duration.ofHours(1), TestTokens.SECRET);
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
