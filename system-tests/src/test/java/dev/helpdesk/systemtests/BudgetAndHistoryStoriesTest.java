package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stories 5 and 7: time is charged exactly against the budget; the history is readable and the budget rebuildable. */
@ExtendWith(RunningSystem.class)
class BudgetAndHistoryStoriesTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void story5_loggedTimeIsChargedExactlyAReversalRestoresItAndCrossingHalfRaisesOneThresholdEvent() {
        String organizationId = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "QUERY", "S3").path("id").asText();

        logTime(ticketId, 90, "STANDARD");
        String consultancy = logTime(ticketId, 60, "CONSULTANCY");
        awaitBudget(organizationId, contact, "240.00", "3760.00");
        JsonNode budget = api.get("/api/budgets/" + organizationId, contact).json();
        assertThat(budget.path("currency").asText()).isEqualTo("EUR");
        assertThat(budget.path("byRate").path("STANDARD").path("minutes").asInt()).isEqualTo(90);
        assertThat(budget.path("byRate").path("STANDARD").path("amount").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(budget.path("byRate").path("CONSULTANCY").path("amount").decimalValue()).isEqualByComparingTo("120.00");

        Api.Response reversal = api.post("/api/tickets/" + ticketId + "/time-entries/" + consultancy + "/reversal",
                scenario.agent, Map.of("reason", "Logged on the wrong ticket"));
        assertThat(reversal.status()).as(reversal.toString()).isIn(200, 201);
        awaitBudget(organizationId, contact, "120.00", "3880.00");

        logTime(ticketId, 1000, "CONSULTANCY");
        awaitBudget(organizationId, contact, "2120.00", "1880.00");
        assertThat(api.get("/api/budgets/" + organizationId, contact).json().path("thresholdsCrossed").toString())
                .isEqualTo("[50]");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TopicReader.readAll("helpdesk.budgets.v1",
                        record -> record.path("data").path("organizationId").asText().equals(organizationId)))
                        .singleElement()
                        .satisfies(event -> assertThat(event.path("data").path("threshold").asInt()).isEqualTo(50)));
    }

    @Test
    void story7_anAnalystReadsTheWholeHistoryAndRebuildsTheBudgetWithUnchangedFigures() {
        String organizationId = scenario.registerOrganization("EXTENDED", "BUSINESS_HOURS", "Europe/Berlin");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "BUG", "S4").path("id").asText();
        logTime(ticketId, 45, "STANDARD");
        awaitBudget(organizationId, contact, "60.00", "3940.00");

        Api.Response history = api.get("/api/events?after=0&limit=200", scenario.analyst);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        long previous = -1;
        for (JsonNode event : history.json().path("items")) {
            assertThat(event.path("position").asLong()).isGreaterThan(previous);
            previous = event.path("position").asLong();
            assertThat(event.path("type").asText()).isNotBlank();
        }
        assertThat(history.json().path("items").size()).isGreaterThan(0);
        assertThat(api.get("/api/events?after=0&limit=10", contact).status()).isEqualTo(403);

        String before = api.get("/api/budgets/" + organizationId, scenario.analyst).json().toString();
        Api.Response started = api.post("/api/admin/budgets/replays", scenario.analyst, Map.of("projection", "budgets"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String replayId = started.json().path("id").asText();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode progress = api.get("/api/admin/budgets/replays/" + replayId, scenario.analyst).json();
            assertThat(progress.toString()).containsIgnoringCase("COMPLETED");
            assertThat(api.get("/api/budgets/" + organizationId, contact).status()).isEqualTo(200);
        });
        assertThat(api.get("/api/budgets/" + organizationId, scenario.analyst).json().toString()).isEqualTo(before);
    }

    private String logTime(String ticketId, int minutes, String rate) {
        Api.Response logged = api.post("/api/tickets/" + ticketId + "/time-entries", scenario.agent, Map.of(
                "minutes", minutes, "rate", rate, "workDate", LocalDate.now().toString(), "note", "Investigation"));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        return logged.json().path("entryId").asText();
    }

    private void awaitBudget(String organizationId, String token, String consumed, String remaining) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response budget = api.get("/api/budgets/" + organizationId, token);
            assertThat(budget.status()).as(budget.toString()).isEqualTo(200);
            assertThat(budget.json().path("consumed").decimalValue()).isEqualByComparingTo(new BigDecimal(consumed));
            assertThat(budget.json().path("remaining").decimalValue()).isEqualByComparingTo(new BigDecimal(remaining));
        });
    }
}
