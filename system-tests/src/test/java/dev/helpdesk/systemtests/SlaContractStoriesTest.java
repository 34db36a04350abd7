package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21, the SLA side, through the gateway on the whole packaged system: a contact's comment starts a next-reply
 * clock that support's next public reply meets; support exempts a clock, which leaves compliance percentages and is
 * listed apart; a policy gives requests no targets at all.
 */
@ExtendWith(RunningSystem.class)
class SlaContractStoriesTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void aContactsCommentStartsANextReplyClockThatTheAgentsReplyMeets() {
        String organizationId = scenario.registerOrganization("DEDICATED", "TWENTY_FOUR_SEVEN", "Europe/Berlin");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "INCIDENT", "S2").path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> scenario.sla(ticketId, contact).status() == 200);

        comment(ticketId, scenario.agent, "Looking into it.");
        awaitClock(ticketId, contact, "FIRST_RESPONSE", "MET");
        comment(ticketId, contact, "It also fails for teachers now.");
        JsonNode running = awaitClock(ticketId, contact, "NEXT_REPLY", "RUNNING");
        assertThat(running.path("target").asText()).as("dedicated S2: the first-response target").isEqualTo("PT4H");

        comment(ticketId, scenario.agent, "Fixed the quiz plugin; please try again.");
        JsonNode met = awaitClock(ticketId, contact, "NEXT_REPLY", "MET");
        assertThat(Instant.parse(met.path("metAt").asText())).isAfterOrEqualTo(Instant.parse(running.path("startedAt").asText()));

        JsonNode timeline = api.get("/api/sla/tickets/" + ticketId + "/timeline", contact).json();
        assertThat(segments(timeline, "NEXT_REPLY")).containsExactly("RUNNING", "MET");
    }

    @Test
    void anExemptedClockIsShownWithItsReasonAndLeftOutOfCompliance() {
        String organizationId = scenario.registerOrganization("DEDICATED", "TWENTY_FOUR_SEVEN", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        Instant from = Instant.now().minusSeconds(60);
        String exempted = scenario.openTicket(contact, organizationId, "INCIDENT", "S2").path("id").asText();
        String answered = scenario.openTicket(contact, organizationId, "INCIDENT", "S2").path("id").asText();
        awaitClock(exempted, contact, "RESOLUTION", "RUNNING");
        awaitClock(answered, contact, "RESOLUTION", "RUNNING");
        comment(answered, scenario.agent, "On it.");
        comment(answered, contact, "Any news?");
        awaitClock(answered, contact, "NEXT_REPLY", "RUNNING");
        comment(answered, scenario.agent, "Yes: fixed.");
        awaitClock(answered, contact, "NEXT_REPLY", "MET");

        Map<String, Object> exemption = Map.of("metric", "RESOLUTION", "reason", "CLIENT_CONFIGURATION",
                "note", "Their reverse proxy strips the session cookie");
        String path = "/api/sla/tickets/" + exempted + "/exemptions";
        assertThat(api.post(path, contact, exemption).status()).as("contacts may not").isEqualTo(403);
        Api.Response done = api.post(path, scenario.agent, exemption);
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        assertThat(api.post(path, scenario.agent, exemption).status()).as("once").isEqualTo(409);

        JsonNode clock = Scenario.clock(scenario.sla(exempted, contact), "RESOLUTION");
        assertThat(clock.path("state").asText()).isEqualTo("EXEMPTED");
        assertThat(clock.path("exemption").path("reason").asText()).isEqualTo("CLIENT_CONFIGURATION");
        assertThat(segments(api.get("/api/sla/tickets/" + exempted + "/timeline", scenario.agent).json(), "RESOLUTION"))
                .containsExactly("RUNNING", "EXEMPTED");

        Api.Response report = api.get("/api/sla/reports/compliance?organizationId=" + organizationId + "&from=" + from
                + "&to=" + Instant.now().plusSeconds(60), contact);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode resolution = line(report.json(), "RESOLUTION", "S2");
        assertThat(resolution.path("exempted").asLong()).isEqualTo(1);
        assertThat(resolution.path("open").asLong()).as("the other ticket's").isEqualTo(1);
        assertThat(resolution.path("metPercent").isNull()).as("nothing decided: no percentage").isTrue();
        JsonNode nextReply = line(report.json(), "NEXT_REPLY", "S2");
        assertThat(nextReply.path("met").asLong()).isEqualTo(1);
        assertThat(nextReply.path("metPercent").decimalValue()).isEqualByComparingTo("100.0");
        assertThat(report.json().path("exemptions")).singleElement().satisfies(item -> {
            assertThat(item.path("ticketId").asText()).isEqualTo(exempted);
            assertThat(item.path("reason").asText()).isEqualTo("CLIENT_CONFIGURATION");
        });
    }

    @Test
    void aPolicyThatGivesRequestsNoTargetsStartsNoClockForThem() {
        String policyId = "openedx-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> targets = new LinkedHashMap<>();
        for (String severity : List.of("S1", "S2", "S3", "S4", "S5")) {
            targets.put(severity, Map.of("firstResponse", "PT4H", "resolution", "PT16H", "nextReply", "PT8H"));
        }
        Api.Response saved = api.put("/api/sla/policies/" + policyId, scenario.admin, Map.of("name", "Open edX",
                "calendarId", "business-hours", "warningThresholds", List.of(75, 90), "targets", targets,
                "typesWithoutTargets", List.of("REQUEST")));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        String organizationId = scenario.registerOrganization("EXTENDED", "BUSINESS_HOURS", "Europe/Paris");
        Api.Response assigned = api.put("/api/sla/organizations/" + organizationId + "/policy", scenario.admin,
                Map.of("policyId", policyId));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());

        String request = scenario.openTicket(contact, organizationId, "REQUEST", "S3").path("id").asText();
        String incident = scenario.openTicket(contact, organizationId, "INCIDENT", "S3").path("id").asText();

        awaitClock(incident, contact, "FIRST_RESPONSE", "RUNNING");
        await().atMost(Duration.ofSeconds(30)).until(() -> scenario.sla(request, contact).status() == 200);
        JsonNode withoutTargets = scenario.sla(request, contact).json();
        assertThat(withoutTargets.path("withoutTargets").asBoolean()).isTrue();
        assertThat(withoutTargets.path("clocks")).isEmpty();
    }

    private void comment(String ticketId, String token, String body) {
        Api.Response posted = api.post("/api/tickets/" + ticketId + "/comments", token,
                Map.of("body", body, "visibility", "PUBLIC"));
        assertThat(posted.status()).as(posted.toString()).isIn(200, 201);
    }

    private JsonNode awaitClock(String ticketId, String token, String metric, String state) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response sla = scenario.sla(ticketId, token);
            assertThat(sla.status()).as(sla.toString()).isEqualTo(200);
            JsonNode clock = null;
            for (JsonNode candidate : sla.json().path("clocks")) {
                if (candidate.path("metric").asText().equals(metric)) {
                    clock = candidate;
                }
            }
            assertThat(clock).as("%s in %s", metric, sla).isNotNull();
            assertThat(clock.path("state").asText()).as("%s", clock).isEqualTo(state);
            found[0] = clock;
        });
        return found[0];
    }

    private static List<String> segments(JsonNode timeline, String metric) {
        for (JsonNode clock : timeline.path("clocks")) {
            if (clock.path("metric").asText().equals(metric)) {
                return clock.path("segments").findValuesAsText("kind");
            }
        }
        return List.of();
    }

    private static JsonNode line(JsonNode report, String metric, String severity) {
        for (JsonNode item : report.path("items")) {
            if (item.path("metric").asText().equals(metric) && item.path("severity").asText().equals(severity)) {
                return item;
            }
        }
        throw new AssertionError("no line " + metric + " " + severity + " in " + report);
    }
}
