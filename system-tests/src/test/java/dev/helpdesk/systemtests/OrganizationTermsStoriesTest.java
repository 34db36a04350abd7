package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21 (organisation side), through the gateway: an admin changes an organisation's plan and rate from a past
 * instant and the next ticket is opened (and gets its SLA policy) under the new terms; a contact moves to another
 * organisation; support logs a workshop against the organisation itself.
 */
@ExtendWith(RunningSystem.class)
class OrganizationTermsStoriesTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void aPlanAndRateChangedFromAPastInstantApplyToTheNextTicketNotToTheOneAlreadyOpen() {
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String before = scenario.openTicket(contact, organizationId, "INCIDENT", "S2").path("id").asText();
        String effectiveFrom = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();

        Api.Response changed = api.patch("/api/organizations/" + organizationId, scenario.admin, Map.of(
                "plan", "EXTENDED", "standardRate", 95.50, "relationshipManager", "rm-1", "effectiveFrom", effectiveFrom));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode organization = api.get("/api/organizations/" + organizationId, contact).json();
        assertThat(organization.path("plan").asText()).isEqualTo("EXTENDED");
        assertThat(organization.path("relationshipManager").asText()).isEqualTo("rm-1");
        assertThat(organization.path("budget").path("standardRate").decimalValue()).isEqualByComparingTo("95.50");
        assertThat(organization.path("termsHistory").get(0).path("effectiveFrom").asText()).isEqualTo(effectiveFrom);

        String after = scenario.openTicket(contact, organizationId, "INCIDENT", "S2").path("id").asText();
        assertThat(openedPlan(after)).isEqualTo("EXTENDED");
        assertThat(openedPlan(before)).isEqualTo("STANDARD");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(scenario.sla(after, contact).json().path("policyId").asText()).isEqualTo("extended");
            assertThat(scenario.sla(before, contact).json().path("policyId").asText()).isEqualTo("standard");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readAll("helpdesk.tickets.v1",
                record -> record.path("subject").asText().equals(organizationId)
                        && record.path("type").asText().equals("helpdesk.organization.terms-changed.v1")))
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.path("data").path("plan").asText()).isEqualTo("EXTENDED");
                    assertThat(record.path("data").path("standardRate").decimalValue()).isEqualByComparingTo("95.50");
                    assertThat(record.path("data").path("consultancyRate").decimalValue()).isEqualByComparingTo("120.00");
                    assertThat(record.path("data").path("effectiveFrom").asText()).isEqualTo(effectiveFrom);
                    assertThat(record.path("data").path("changedFields").toString())
                            .isEqualTo("[\"plan\",\"relationshipManager\",\"standardRate\"]");
                }));
    }

    @Test
    void aTransferredContactWorksForTheNewOrganisationAndIsRefusedByEveryServiceForTheOld() {
        String from = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/Berlin");
        String to = scenario.registerOrganization("EXTENDED", "BUSINESS_HOURS", "Europe/Berlin");
        String userId = "mover-" + UUID.randomUUID();
        String oldToken = scenario.addContact(from, userId);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/budgets/" + from, oldToken).status() == 200);

        Api.Response moved = api.post("/api/organizations/" + from + "/contacts/" + userId + "/transfer", scenario.admin,
                Map.of("toOrganizationId", to));

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(api.get("/api/organizations/" + from, oldToken).status()).isEqualTo(403);
        String newToken = Scenario.contactToken(userId, to);
        assertThat(api.get("/api/organizations/" + to, newToken).json().path("contacts").findValuesAsText("userId")).contains(userId);
        scenario.openTicket(newToken, to, "QUERY", "S4");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.get("/api/budgets/" + from, oldToken).status()).as("budget-service follows the transfer").isEqualTo(403);
            assertThat(api.get("/api/budgets/" + to, newToken).status()).isEqualTo(200);
        });
    }

    @Test
    void anAgentLogsAWorkshopAgainstTheOrganisationAndItIsPublished() {
        String organizationId = scenario.registerOrganization("DEDICATED", "TWENTY_FOUR_SEVEN", "Europe/London");
        String startedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS).toString();

        Api.Response logged = api.post("/api/organizations/" + organizationId + "/time-entries", scenario.agent, Map.of(
                "minutes", 120, "rate", "CONSULTANCY", "startedAt", startedAt, "activity", "Workshop",
                "note", "Course design workshop"));

        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        String entryId = logged.json().path("entryId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readAll("helpdesk.tickets.v1",
                record -> record.path("subject").asText().equals(organizationId)
                        && record.path("type").asText().equals("helpdesk.organization.time-entry-logged.v1")))
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.path("data").path("entryId").asText()).isEqualTo(entryId);
                    assertThat(record.path("data").path("minutes").asInt()).isEqualTo(120);
                    assertThat(record.path("data").path("startedAt").asText()).isEqualTo(startedAt);
                    assertThat(record.path("data").path("agentId").asText()).isEqualTo("agent-1");
                }));
        Api.Response reversed = api.post("/api/organizations/" + organizationId + "/time-entries/" + entryId + "/reversal",
                scenario.agent, Map.of("reason", "Logged on the wrong organisation"));
        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(201);
        assertThat(api.post("/api/organizations/" + organizationId + "/time-entries", scenario.admin, Map.of(
                "minutes", 10, "rate", "STANDARD", "startedAt", startedAt, "activity", "Call", "note", "x")).status())
                .isEqualTo(403);
    }

    private String openedPlan(String ticketId) {
        Api.Response history = api.get("/api/tickets/" + ticketId + "/history", scenario.agent);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        return history.json().path("items").get(0).path("data").path("plan").asText();
    }
}
