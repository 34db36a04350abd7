package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 22, point 1, through the gateway: contacts search only their organisation and never internal notes. */
@ExtendWith(RunningSystem.class)
class TicketSearchStoriesTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void aContactSearchesOnlyTheirOrganisationsTicketsAndNeverTheInternalNotes() {
        String word = word();
        String secret = word();
        String ours = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        String theirs = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        String contact = scenario.addContact(ours, "searcher-" + UUID.randomUUID());
        String stranger = scenario.addContact(theirs, "stranger-" + UUID.randomUUID());
        String mine = open(contact, ours, "S3", "Certificates " + word + " missing");
        String foreign = open(stranger, theirs, "S3", "Certificates " + word + " missing too");
        Api.Response note = api.post("/api/tickets/" + mine + "/comments", scenario.agent,
                Map.of("body", "Their admin password " + secret + " is in the vault", "visibility", "INTERNAL"));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);

        assertThat(ids(search(contact, "q=" + word))).containsExactly(mine);
        assertThat(ids(search(stranger, "q=" + word))).containsExactly(foreign);
        assertThat(search(contact, "q=" + word + "&organizationId=" + theirs).path("totalItems").asLong()).isZero();
        assertThat(ids(search(scenario.agent, "q=" + word))).containsExactlyInAnyOrder(mine, foreign);
        assertThat(search(contact, "q=" + secret).path("totalItems").asLong()).as("internal notes are not searched").isZero();

        Api.Response forged = api.get("/api/tickets?q=" + word + "&cursor=eyJvcmciOiJ0aGVpcnMifQ.AAAA", contact);
        assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        assertThat(forged.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void agentsSortByTheNearestSlaTargetThatTheSlaServiceComputed() {
        String word = word();
        String organization = scenario.registerOrganization("DEDICATED", "TWENTY_FOUR_SEVEN", "Europe/London");
        String contact = scenario.addContact(organization, "sla-" + UUID.randomUUID());
        String low = open(contact, organization, "S4", "Theme " + word);
        String critical = open(contact, organization, "S1", "Site down " + word);
        String medium = open(contact, organization, "S3", "Grades " + word);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(search(scenario.agent, "q=" + word + "&sort=sla"))).containsExactly(critical, medium, low));
        List<String> walked = new ArrayList<>();
        JsonNode page = search(contact, "q=" + word + "&sort=sla&size=1");
        walked.addAll(ids(page));
        while (!page.path("nextCursor").isNull() && walked.size() < 5) {
            page = search(contact, "q=" + word + "&sort=sla&size=1&cursor=" + page.path("nextCursor").asText());
            walked.addAll(ids(page));
        }
        assertThat(walked).containsExactly(critical, medium, low);
    }

    private String open(String token, String organizationId, String severity, String title) {
        Map<String, Object> body = Map.of("organizationId", organizationId, "type", "INCIDENT", "severity", severity,
                "title", title, "description", "Reported through the portal.");
        Api.Response opened = api.post("/api/tickets", token, body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().path("id").asText();
    }

    private JsonNode search(String token, String query) {
        Api.Response answer = api.get("/api/tickets?" + query, token);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items").findValuesAsText("id");
    }

    private static String word() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }
}
