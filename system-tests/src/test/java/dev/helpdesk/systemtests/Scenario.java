package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The steps the stories share, each an API call a portal would make, with the role's token. */
final class Scenario {

    final Api api = RunningSystem.api();
    final String admin = token("admin-1", "admin");
    final String agent = token("agent-1", "agent");
    final String manager = RunningSystem.tokens().token("manager-1", List.of("manager", "agent"), null);
    final String analyst = token("analyst-1", "analyst");

    static String token(String user, String role) {
        return RunningSystem.tokens().token(user, List.of(role), null);
    }

    static String contactToken(String user, String organizationId) {
        return RunningSystem.tokens().token(user, List.of("contact"), organizationId);
    }

    /** Registers an organisation and returns its id. */
    String registerOrganization(String plan, String calendar, String zone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Academy " + UUID.randomUUID().toString().substring(0, 6));
        body.put("plan", plan);
        body.put("calendar", calendar);
        body.put("timeZone", zone);
        body.put("supportPeriod", Map.of("start", LocalDate.now().minusMonths(1).toString(),
                "end", LocalDate.now().plusMonths(11).toString()));
        body.put("budget", Map.of("amount", 4000.00, "currency", "EUR", "standardRate", 80.00, "consultancyRate", 120.00));
        if (plan.equals("DEDICATED")) {
            body.put("supportManager", "manager-1");
        }
        Api.Response created = api.post("/api/organizations", admin, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    /** Adds a contact and returns a token for them. */
    String addContact(String organizationId, String userId) {
        Api.Response added = api.post("/api/organizations/" + organizationId + "/contacts", admin,
                Map.of("userId", userId, "name", "Contact " + userId, "email", userId + "@academy.example"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String token = contactToken(userId, organizationId);
        awaitKnownEverywhere(token, organizationId);
        return token;
    }

    /**
     * Waits until every service has consumed the contact's addition: each keeps its own membership projection, fed
     * from Kafka, and refuses a contact it does not know yet with 403 {@code not-a-contact} (docs/event-pipeline.md,
     * "Batching window"). A portal's new contact logs in seconds later; a test asks within milliseconds.
     */
    void awaitKnownEverywhere(String token, String organizationId) {
        List<String> probes = List.of("/api/organizations/" + organizationId, "/api/sla/tickets/" + UUID.randomUUID(),
                "/api/escalations/tickets/" + UUID.randomUUID(), "/api/budgets/" + organizationId,
                "/api/webhooks", "/api/me/notifications");
        for (String probe : probes) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25)).untilAsserted(() -> {
                Api.Response answer = api.get(probe, token);
                assertThat(answer.status() == 403 && answer.body().contains(NOT_A_CONTACT))
                        .as("%s still refuses the new contact: %s", probe, answer).isFalse();
            });
        }
    }

    private static final String NOT_A_CONTACT = "not-a-contact";

    /** Opens a ticket as the given user and returns the answer. */
    JsonNode openTicket(String token, String organizationId, String type, String severity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationId", organizationId);
        body.put("type", type);
        body.put("severity", severity);
        body.put("title", "Quiz page fails for students");
        body.put("description", "Students get an error when submitting the quiz.");
        body.put("channel", "PORTAL");
        body.put("courseId", "CHEM-201");
        body.put("affectedUserEmail", "student@academy.example");
        body.put("pageUrl", "https://academy.example/mod/quiz/view.php?id=7");
        Api.Response opened = api.post("/api/tickets", token, body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json();
    }

    Api.Response sla(String ticketId, String token) {
        return api.get("/api/sla/tickets/" + ticketId, token);
    }

    static JsonNode clock(Api.Response sla, String metric) {
        for (JsonNode clock : sla.json().path("clocks")) {
            if (clock.path("metric").asText().equals(metric)) {
                return clock;
            }
        }
        throw new AssertionError("No " + metric + " clock in " + sla);
    }
}
