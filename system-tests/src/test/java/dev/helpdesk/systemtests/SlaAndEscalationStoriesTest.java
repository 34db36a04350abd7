package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stories 3 and 4: a short SLA breaches and escalates; waiting on the customer pauses the resolution clock. */
@ExtendWith(RunningSystem.class)
class SlaAndEscalationStoriesTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void story3_aBreachRaisesLevelOneWhichAManagerAcknowledgesAndTheTicketHistoryShowsIt() {
        String organizationId = scenario.registerOrganization("DEDICATED", "TWENTY_FOUR_SEVEN", "Europe/London");
        assignPolicy(organizationId, shortPolicy("PT3S", "PT1H"));
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "INCIDENT", "S2").path("id").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode clock = Scenario.clock(scenario.sla(ticketId, contact), "FIRST_RESPONSE");
            assertThat(clock.path("state").asText()).isEqualTo("BREACHED");
            assertThat(clock.path("breachedAt").asText()).isNotBlank();
        });
        JsonNode escalation = awaitEscalation(ticketId, 1);
        assertThat(escalation.path("state").asText()).isEqualTo("OPEN");
        assertThat(escalation.path("trigger").asText()).isEqualTo("SLA_BREACH");

        Api.Response byAgent = api.post("/api/escalations/" + escalation.path("id").asText() + "/acknowledgement",
                scenario.agent, Map.of("actionPlan", "I am not a manager"));
        assertThat(byAgent.status()).isEqualTo(403);
        Api.Response acknowledged = api.post("/api/escalations/" + escalation.path("id").asText() + "/acknowledgement",
                scenario.manager, Map.of("actionPlan", "Senior engineer on it; update within the hour."));
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(awaitEscalation(ticketId, 1).path("state").asText()).isEqualTo("ACKNOWLEDGED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode ticket = api.get("/api/tickets/" + ticketId, scenario.agent).json();
            assertThat(ticket.path("escalationLevel").asInt()).isEqualTo(1);
            List<String> types = api.get("/api/tickets/" + ticketId + "/history", scenario.agent).json()
                    .path("items").findValuesAsText("type");
            assertThat(types).anySatisfy(type -> assertThat(type.toLowerCase()).contains("escalation"));
        });
    }

    @Test
    void story3b_anUnacknowledgedLevelAdvancesToLevelTwoByItself() {
        Api.Response ladder = api.put("/api/escalations/ladders/EXTENDED", scenario.manager, Map.of(
                "plan", "EXTENDED",
                "levels", List.of(
                        Map.of("level", 1, "name", "Support services manager", "acknowledgeWithin", "PT3S"),
                        Map.of("level", 2, "name", "Head of support", "acknowledgeWithin", "PT1H"),
                        Map.of("level", 3, "name", "Executive sponsor", "acknowledgeWithin", "PT4H"))));
        assertThat(ladder.status()).as(ladder.toString()).isEqualTo(200);
        String organizationId = scenario.registerOrganization("EXTENDED", "TWENTY_FOUR_SEVEN", "America/New_York");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "QUERY", "S3").path("id").asText();

        Api.Response requested = api.post("/api/tickets/" + ticketId + "/escalation-requests", contact,
                Map.of("reason", "No answer for our exam-day outage"));
        assertThat(requested.status()).as(requested.toString()).isIn(200, 201, 202);

        JsonNode first = awaitEscalation(ticketId, 1);
        assertThat(first.path("trigger").asText()).isEqualTo("CUSTOMER_REQUEST");
        JsonNode second = awaitEscalation(ticketId, 2);
        assertThat(second.path("trigger").asText()).isEqualTo("ACKNOWLEDGEMENT_TIMEOUT");
        assertThat(api.get("/api/tickets/" + ticketId, contact).json().path("severity").asText()).isEqualTo("S3");
    }

    @Test
    void story4_waitingOnTheCustomerPausesTheResolutionClockAndTheirReplyResumesIt() throws InterruptedException {
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/London");
        assignPolicy(organizationId, shortPolicy("PT8H", "PT16H"));
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "INCIDENT", "S2").path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> scenario.sla(ticketId, contact).status() == 200);

        Api.Response waiting = api.post("/api/tickets/" + ticketId + "/status", scenario.agent,
                Map.of("status", "WAITING_ON_CUSTOMER", "reason", "Which browser do the students use?"));
        assertThat(waiting.status()).as(waiting.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Scenario.clock(scenario.sla(ticketId, contact), "RESOLUTION").path("state").asText()).isEqualTo("PAUSED"));
        Thread.sleep(1_500); // let paused time accrue, so that it shows

        Api.Response reply = api.post("/api/tickets/" + ticketId + "/comments", contact,
                Map.of("body", "Chrome 131 on Windows.", "visibility", "PUBLIC"));
        assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode resolution = Scenario.clock(scenario.sla(ticketId, contact), "RESOLUTION");
            assertThat(resolution.path("state").asText()).isEqualTo("RUNNING");
            assertThat(Duration.parse(resolution.path("pausedFor").asText())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        });
        assertThat(api.get("/api/tickets/" + ticketId, contact).json().path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    private String shortPolicy(String firstResponse, String resolution) {
        String id = "story-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> targets = Map.of(
                "S1", Map.of("firstResponse", firstResponse, "resolution", resolution),
                "S2", Map.of("firstResponse", firstResponse, "resolution", resolution),
                "S3", Map.of("firstResponse", firstResponse, "resolution", resolution),
                "S4", Map.of("firstResponse", firstResponse),
                "S5", Map.of("firstResponse", firstResponse));
        Api.Response saved = api.put("/api/sla/policies/" + id, scenario.admin, Map.of(
                "id", id, "name", "Story policy " + id, "calendarId", "24x7",
                "warningThresholds", List.of(75, 90), "targets", targets));
        assertThat(saved.status()).as(saved.toString()).isIn(200, 201);
        return id;
    }

    private void assignPolicy(String organizationId, String policyId) {
        Api.Response assigned = api.put("/api/sla/organizations/" + organizationId + "/policy", scenario.admin,
                Map.of("policyId", policyId));
        assertThat(assigned.status()).as(assigned.toString()).isIn(200, 204);
    }

    private JsonNode awaitEscalation(String ticketId, int level) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            Api.Response list = api.get("/api/escalations?ticketId=" + ticketId, scenario.manager);
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            JsonNode match = null;
            for (JsonNode item : list.json().path("items")) {
                if (item.path("level").asInt() == level) {
                    match = item;
                }
            }
            assertThat(match).as("level " + level + " in " + list).isNotNull();
            found[0] = match;
        });
        return found[0];
    }
}
