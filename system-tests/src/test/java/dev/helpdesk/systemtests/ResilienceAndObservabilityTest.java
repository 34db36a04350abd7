package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Story 8 (a consumer killed with -9 loses nothing and duplicates nothing) and the observability checks. */
@ExtendWith(RunningSystem.class)
class ResilienceAndObservabilityTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void story8_killingTheSlaServiceWhileTicketsAreOpenedLosesNoClockAndRaisesNoDuplicate() throws Exception {
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(scenario.openTicket(contact, organizationId, "INCIDENT", "S3").path("id").asText());
        }
        RunningSystem.stack().kill("sla-service");
        for (int i = 0; i < 4; i++) {
            tickets.add(scenario.openTicket(contact, organizationId, "INCIDENT", "S3").path("id").asText());
        }
        RunningSystem.stack().restart("sla-service");
        for (int i = 0; i < 2; i++) {
            tickets.add(scenario.openTicket(contact, organizationId, "INCIDENT", "S3").path("id").asText());
        }

        for (String ticketId : tickets) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Api.Response sla = scenario.sla(ticketId, contact);
                assertThat(sla.status()).as(ticketId + ": " + sla).isEqualTo(200);
                assertThat(Scenario.clock(sla, "FIRST_RESPONSE").path("state").asText()).isEqualTo("RUNNING");
            });
        }
        Map<String, Set<String>> startsPerClock = TopicReader.readAll("helpdesk.sla.v1",
                        record -> record.path("type").asText().equals("helpdesk.sla.clock-started.v1")
                                && tickets.contains(record.path("data").path("ticketId").asText()))
                .stream()
                .collect(Collectors.groupingBy(r -> r.path("data").path("ticketId").asText() + "/"
                        + r.path("data").path("metric").asText(),
                        Collectors.mapping(r -> r.path("id").asText(), Collectors.toSet())));
        assertThat(startsPerClock.keySet().stream().filter(k -> k.endsWith("/FIRST_RESPONSE")).count())
                .isEqualTo(tickets.size());
        // delivery is at least once: the relay killed between the broker's ack and marking its batch sent sends that
        // batch again, with the same event ids (consumers ignore the repeat); a clock started twice would show a
        // second id
        assertThat(startsPerClock).allSatisfy((clock, eventIds) -> assertThat(eventIds).as(clock).hasSize(1));
    }

    @Test
    void everyServiceExposesItsBusinessMetrics() {
        Map<String, String> metricByService = Map.of(
                "ticket-service", "helpdesk_tickets_opened_total",
                "sla-service", "helpdesk_sla_clocks_running",
                "escalation-service", "helpdesk_escalations_raised_total",
                "budget-service", "helpdesk_budget_consumed");
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "QUERY", "S4").path("id").asText();
        assertThat(api.post("/api/tickets/" + ticketId + "/escalation-requests", contact,
                Map.of("reason", "Exams start tomorrow")).status()).isIn(200, 201, 202);
        assertThat(api.post("/api/tickets/" + ticketId + "/time-entries", scenario.agent, Map.of("minutes", 30,
                "rate", "STANDARD", "workDate", java.time.LocalDate.now().toString(), "note", "Triage")).status()).isEqualTo(201);
        metricByService.forEach((service, metric) -> await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response metrics = api.send(HttpRequest.newBuilder(
                    URI.create(RunningSystem.stack().managementUrl(service) + "/actuator/prometheus")).build());
            assertThat(metrics.body()).as(service).contains(metric);
        }));
    }

    @Test
    void oneRequestsCorrelationIdAppearsInTheLogsOfTheGatewayTheTicketServiceAndAConsumer() throws Exception {
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String correlationId = "story-" + UUID.randomUUID();
        Api.Response opened = api.send(api.request("/api/tickets", contact)
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"organizationId\":\"" + organizationId
                        + "\",\"type\":\"QUERY\",\"severity\":\"S3\",\"title\":\"Gradebook export\",\"description\":\"How?\"}"))
                .build());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.header("X-Correlation-Id")).isEqualTo(correlationId);
        JsonNode ticket = opened.json();
        await().atMost(Duration.ofSeconds(30)).until(() -> scenario.sla(ticket.path("id").asText(), contact).status() == 200);
        for (String service : List.of("gateway", "ticket-service", "sla-service")) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(Files.readString(RunningSystem.stack().logFile(service))).as(service + " log").contains(correlationId));
        }
    }
}
