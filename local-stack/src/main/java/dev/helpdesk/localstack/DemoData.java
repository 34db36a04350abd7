package dev.helpdesk.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A demo organisation with two contacts and a few tickets, created once through the gateway (as a portal would) so
 * that a newcomer's first look shows something. Its id is remembered in {@code <dataDir>/demo.json}.
 */
final class DemoData {

    static final String CONTACT = "alice";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final DemoTokens tokens;
    private final Path marker;

    DemoData(String gateway, DemoTokens tokens, Path dataDir) {
        this.gateway = gateway;
        this.tokens = tokens;
        this.marker = dataDir.resolve("demo.json");
    }

    /** The demo organisation's id, creating it with contacts and tickets on first run. */
    String ensure() throws IOException, InterruptedException {
        if (Files.exists(marker)) {
            return json.readTree(marker.toFile()).path("organizationId").asText();
        }
        String admin = tokens.token("demo-admin", List.of("admin"), null);
        LocalDate today = LocalDate.now();
        JsonNode organization = post("/api/organizations", admin, Map.of(
                "name", "Moodle Academy (demo)",
                "plan", "STANDARD",
                "calendar", "BUSINESS_HOURS",
                "timeZone", "Europe/London",
                "supportPeriod", Map.of("start", today.minusMonths(1).toString(), "end", today.plusMonths(11).toString()),
                "budget", Map.of("amount", 4000.00, "currency", "EUR", "standardRate", 80.00, "consultancyRate", 120.00)));
        String organizationId = organization.path("id").asText();
        post("/api/organizations/" + organizationId + "/contacts", admin,
                Map.of("userId", CONTACT, "name", "Alice Admin", "email", "alice@academy.example"));
        post("/api/organizations/" + organizationId + "/contacts", admin,
                Map.of("userId", "bob", "name", "Bob Builder", "email", "bob@academy.example"));
        String contact = tokens.token(CONTACT, List.of("contact"), organizationId);
        post("/api/tickets", contact, Map.of(
                "organizationId", organizationId, "type", "INCIDENT", "severity", "S2",
                "title", "Course pages time out for students",
                "description", "Since this morning, opening any course page takes over 30 s and often fails.",
                "channel", "PORTAL", "courseId", "BIO-101", "affectedUserEmail", "student@academy.example",
                "pageUrl", "https://academy.example/course/view.php?id=101"));
        post("/api/tickets", contact, Map.of(
                "organizationId", organizationId, "type", "QUERY", "severity", "S4",
                "title", "How do we bulk-enrol a cohort?",
                "description", "We have 300 new students starting next week. What is the recommended way?",
                "channel", "PORTAL"));
        Files.writeString(marker, json.writeValueAsString(Map.of("organizationId", organizationId)));
        return organizationId;
    }

    private JsonNode post(String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }
}
