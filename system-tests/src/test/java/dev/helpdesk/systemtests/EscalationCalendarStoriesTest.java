package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21 (escalation side), through the gateway: the relationship manager an admin names on the organisation is
 * named from escalation level 2 (read and published), and holidays an admin adds to the organisation's SLA calendar
 * move the open level's acknowledgement deadline past them.
 */
@ExtendWith(RunningSystem.class)
class EscalationCalendarStoriesTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void levelTwoNamesTheRelationshipManagerAndHolidaysAddedToTheCalendarMoveItsDeadline() {
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/Berlin");
        Api.Response named = api.patch("/api/organizations/" + organizationId, scenario.admin,
                Map.of("relationshipManager", "Walter Skinner"));
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
        String calendarId = "story-cal-" + UUID.randomUUID().toString().substring(0, 8);
        putCalendar(calendarId, List.of());
        assignPolicy(organizationId, policyOn(calendarId));
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "QUERY", "S3").path("id").asText();

        requestEscalation(ticketId, contact);
        awaitEscalation(ticketId, 1);
        requestEscalation(ticketId, contact);

        JsonNode levelTwo = awaitEscalation(ticketId, 2);
        assertThat(levelTwo.path("relationshipManager").asText()).isEqualTo("Walter Skinner");
        Instant raisedAt = Instant.parse(levelTwo.path("raisedAt").asText());
        assertThat(Instant.parse(levelTwo.path("acknowledgeBy").asText())).isEqualTo(raisedAt.plus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readAll("helpdesk.escalations.v1",
                record -> record.path("subject").asText().equals(ticketId)
                        && record.path("type").asText().equals("helpdesk.escalation.raised.v1")
                        && record.path("data").path("level").asInt() == 2))
                .singleElement()
                .satisfies(record -> assertThat(record.path("data").path("relationshipManager").asText())
                        .isEqualTo("Walter Skinner")));

        LocalDate today = raisedAt.atZone(ZoneOffset.UTC).toLocalDate();
        putCalendar(calendarId, List.of(today.toString(), today.plusDays(1).toString()));

        Instant afterTheHolidays = today.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            Instant moved = Instant.parse(awaitEscalation(ticketId, 2).path("acknowledgeBy").asText());
            // what counted before the edit stays counted; the rest from the end of the holidays
            assertThat(moved).isAfter(afterTheHolidays).isBeforeOrEqualTo(afterTheHolidays.plus(Duration.ofHours(2)));
        });
    }

    private void requestEscalation(String ticketId, String contact) {
        Api.Response requested = api.post("/api/tickets/" + ticketId + "/escalation-requests", contact,
                Map.of("reason", "No answer for our exam-day outage"));
        assertThat(requested.status()).as(requested.toString()).isIn(200, 201, 202);
    }

    private void putCalendar(String calendarId, List<String> holidays) {
        Map<String, Object> week = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            week.put(day, List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        Api.Response saved = api.put("/api/sla/calendars/" + calendarId, scenario.admin,
                Map.of("weeklyHours", week, "holidays", holidays, "timeZone", "UTC"));
        assertThat(saved.status()).as(saved.toString()).isIn(200, 201);
    }

    private String policyOn(String calendarId) {
        String id = "story-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> targets = Map.of(
                "S1", Map.of("firstResponse", "PT8H", "resolution", "PT40H"),
                "S2", Map.of("firstResponse", "PT8H", "resolution", "PT40H"),
                "S3", Map.of("firstResponse", "PT8H", "resolution", "PT40H"),
                "S4", Map.of("firstResponse", "PT8H"),
                "S5", Map.of("firstResponse", "PT8H"));
        Api.Response saved = api.put("/api/sla/policies/" + id, scenario.admin, Map.of(
                "id", id, "name", "Story policy " + id, "calendarId", calendarId,
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
