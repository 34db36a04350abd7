package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21, points 6-8 through the gateway: a contact's severity request accepted by support re-targets the SLA; a
 * resolution summary the contact reads; out-of-hours work marked and charged in the budget.
 */
@ExtendWith(RunningSystem.class)
class TicketRequestsAndTimeStoriesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void aContactAsksForAnUpgradeSupportAcceptsItAndTheFirstResponseClockIsRetargeted() {
        String organizationId = scenario.registerOrganization("DEDICATED", "TWENTY_FOUR_SEVEN", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "INCIDENT", "S2").path("id").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Scenario.clock(scenario.sla(ticketId, contact), "FIRST_RESPONSE").path("target").asText()).isEqualTo("PT4H"));

        Api.Response requested = api.post("/api/tickets/" + ticketId + "/severity-requests", contact,
                Map.of("severity", "S1", "reason", "Exams today: no student can open the quiz"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        String requestId = requested.json().path("requestId").asText();
        assertThat(api.post("/api/tickets/" + ticketId + "/severity-requests", contact,
                Map.of("severity", "S1", "reason", "again")).status()).isEqualTo(409);

        String decision = "/api/tickets/" + ticketId + "/severity-requests/" + requestId + "/decision";
        assertThat(api.post(decision, scenario.agent, Map.of("accept", true)).status())
                .as("an accepted upgrade needs a justification").isEqualTo(422);
        Api.Response accepted = api.post(decision, scenario.agent,
                Map.of("accept", true, "reason", "Confirmed: the whole quiz module is down during exams"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("severity").asText()).isEqualTo("S1");

        JsonNode seen = api.get("/api/tickets/" + ticketId, contact).json().path("severityRequests").get(0);
        assertThat(seen.path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(seen.path("decisionReason").asText()).isEqualTo("Confirmed: the whole quiz module is down during exams");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode clock = Scenario.clock(scenario.sla(ticketId, contact), "FIRST_RESPONSE");
            assertThat(clock.path("target").asText()).isEqualTo("PT1H");
            assertThat(Instant.parse(clock.path("dueAt").asText()))
                    .isEqualTo(Instant.parse(clock.path("startedAt").asText()).plus(Duration.ofHours(1)));
        });
    }

    @Test
    void resolvingNeedsASummaryWhichTheContactReads() {
        String organizationId = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "QUERY", "S3").path("id").asText();

        Api.Response bare = api.post("/api/tickets/" + ticketId + "/status", scenario.agent, Map.of("status", "RESOLVED"));
        assertThat(bare.status()).as(bare.toString()).isEqualTo(400);
        assertThat(bare.json().path("errors").get(0).path("field").asText()).isEqualTo("resolution");
        Api.Response resolved = api.post("/api/tickets/" + ticketId + "/status", scenario.agent, Map.of("status", "RESOLVED",
                "resolution", "The quiz time limit was shorter than the session timeout; both are now 90 minutes."));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);

        JsonNode seen = api.get("/api/tickets/" + ticketId, contact).json();
        assertThat(seen.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(seen.path("resolution").asText()).startsWith("The quiz time limit was shorter");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Scenario.clock(scenario.sla(ticketId, contact), "RESOLUTION").path("state").asText()).isIn("MET", "NOT_APPLICABLE"));
    }

    @Test
    void workStartedOnASaturdayIsMarkedOutOfHoursAndChargedExactly() {
        String organizationId = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "INCIDENT", "S2").path("id").asText();
        LocalDate today = LocalDate.now(LONDON);
        Instant saturday = today.with(TemporalAdjusters.previous(DayOfWeek.SATURDAY)).atTime(LocalTime.of(10, 0))
                .atZone(LONDON).toInstant();
        Instant wednesday = today.with(TemporalAdjusters.previous(DayOfWeek.WEDNESDAY)).atTime(LocalTime.of(11, 0))
                .atZone(LONDON).toInstant();

        String night = logTime(ticketId, Map.of("minutes", 60, "rate", "STANDARD", "startedAt", saturday.toString(),
                "note", "Restored the quiz database on Saturday"));
        String day = logTime(ticketId, Map.of("minutes", 30, "rate", "STANDARD", "startedAt", wednesday.toString(),
                "workDate", LocalDate.ofInstant(wednesday, LONDON).toString(), "note", "Checked the logs"));
        Api.Response disagreeing = api.post("/api/tickets/" + ticketId + "/time-entries", scenario.agent, Map.of("minutes", 5,
                "rate", "STANDARD", "startedAt", saturday.toString(), "workDate", LocalDate.ofInstant(wednesday, LONDON).toString(),
                "note", "x"));
        assertThat(disagreeing.status()).as(disagreeing.toString()).isEqualTo(400);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response budget = api.get("/api/budgets/" + organizationId, contact);
            assertThat(budget.status()).as(budget.toString()).isEqualTo(200);
            // 60 min + 30 min at 80.00 an hour
            assertThat(budget.json().path("consumed").decimalValue()).isEqualByComparingTo(new BigDecimal("120.00"));
            assertThat(budget.json().path("remaining").decimalValue()).isEqualByComparingTo(new BigDecimal("3880.00"));
        });
        Map<String, JsonNode> rows = new HashMap<>();
        api.get("/api/budgets/" + organizationId + "/entries", scenario.agent).json().path("items")
                .forEach(row -> rows.put(row.path("entryId").asText(), row));
        assertThat(rows.get(night).path("outOfHours").asBoolean()).isTrue();
        assertThat(rows.get(night).path("startedAt").asText()).isEqualTo(saturday.toString());
        assertThat(rows.get(night).path("workDate").asText()).isEqualTo(LocalDate.ofInstant(saturday, LONDON).toString());
        assertThat(rows.get(night).path("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("80.00"));
        assertThat(rows.get(day).path("outOfHours").asBoolean()).isFalse();
        assertThat(rows.get(day).path("outOfHours").isBoolean()).isTrue();
        assertThat(rows.get(day).path("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("40.00"));
    }

    private String logTime(String ticketId, Map<String, Object> body) {
        Api.Response logged = api.post("/api/tickets/" + ticketId + "/time-entries", scenario.agent, body);
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        return logged.json().path("entryId").asText();
    }
}
