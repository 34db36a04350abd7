package dev.helpdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.localstack.DemoTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The calls a portal makes, against a base URL (the gateway, or a service directly for comparison). */
final class Portal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final DemoTokens tokens;
    final String admin;
    final String agent;

    Portal(DemoTokens tokens) {
        this.tokens = tokens;
        this.admin = tokens.token("bench-admin", List.of("admin"), null);
        this.agent = tokens.token("bench-agent", List.of("agent"), null);
    }

    /** Registers an organisation with one contact; returns {organizationId, contactToken}. */
    String[] organizationWithContact(String base) throws IOException, InterruptedException {
        JsonNode organization = send(base, "POST", "/api/organizations", admin, Map.of(
                "name", "Bench " + UUID.randomUUID(), "plan", "STANDARD", "calendar", "TWENTY_FOUR_SEVEN",
                "timeZone", "Europe/London",
                "supportPeriod", Map.of("start", LocalDate.now().minusDays(1).toString(), "end", LocalDate.now().plusYears(1).toString()),
                "budget", Map.of("amount", 100000.00, "currency", "EUR", "standardRate", 80.00, "consultancyRate", 120.00)), 201);
        String organizationId = organization.path("id").asText();
        send(base, "POST", "/api/organizations/" + organizationId + "/contacts", admin,
                Map.of("userId", "bench-contact", "name", "Bench Contact", "email", "bench@example.org"), 201);
        return new String[] {organizationId, tokens.token("bench-contact", List.of("contact"), organizationId)};
    }

    String openTicket(String base, String contactToken, String organizationId) throws IOException, InterruptedException {
        return send(base, "POST", "/api/tickets", contactToken, Map.of(
                "organizationId", organizationId, "type", "INCIDENT", "severity", "S3",
                "title", "Benchmark ticket", "description", "Opened by the benchmark."), 201).path("id").asText();
    }

    void comment(String base, String ticketId) throws IOException, InterruptedException {
        send(base, "POST", "/api/tickets/" + ticketId + "/comments", agent,
                Map.of("body", "Looking into it.", "visibility", "INTERNAL"), 0);
    }

    int get(String base, String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    JsonNode send(String base, String method, String path, String token, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        boolean ok = expected == 0 ? response.statusCode() / 100 == 2 : response.statusCode() == expected;
        if (!ok) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
