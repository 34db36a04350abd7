package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.businesstime.BusinessCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stories 1, 2 and 6: an organisation signs up, a contact opens a ticket, tenants never see each other. */
@ExtendWith(RunningSystem.class)
class TicketStoriesTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void story1_anAdminRegistersAnOrganisationWithThreeContactsAndAFourthIsRefused() {
        String organizationId = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        for (String contact : new String[] {"c1-" + organizationId, "c2-" + organizationId, "c3-" + organizationId}) {
            scenario.addContact(organizationId, contact);
        }
        Api.Response fourth = api.post("/api/organizations/" + organizationId + "/contacts", scenario.admin,
                Map.of("userId", "c4", "name", "Fourth", "email", "c4@academy.example"));
        assertThat(fourth.status()).as(fourth.toString()).isEqualTo(422);
        assertThat(fourth.header("Content-Type")).contains("application/problem+json");

        JsonNode organization = api.get("/api/organizations/" + organizationId, scenario.admin).json();
        assertThat(organization.path("plan").asText()).isEqualTo("STANDARD");
        assertThat(organization.path("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(organization.path("contacts")).hasSize(3);
    }

    @Test
    void story2_aContactOpensAnIncidentWhoseClocksRunOnBusinessHoursAndWhoseEventReachesKafka() {
        String organizationId = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        String contact = scenario.addContact(organizationId, "opener-" + UUID.randomUUID());
        JsonNode ticket = scenario.openTicket(contact, organizationId, "INCIDENT", "S2");
        String ticketId = ticket.path("id").asText();
        assertThat(ticket.path("status").asText()).isEqualTo("NEW");
        assertThat(ticket.path("key").asText()).isNotBlank();

        Api.Response screenshot = uploadPng(ticketId, contact);
        assertThat(screenshot.status()).as(screenshot.toString()).isEqualTo(201);

        Api.Response list = api.get("/api/tickets?organizationId=" + organizationId, contact);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").findValuesAsText("id")).contains(ticketId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response sla = scenario.sla(ticketId, contact);
            assertThat(sla.status()).as(sla.toString()).isEqualTo(200);
            JsonNode response = Scenario.clock(sla, "FIRST_RESPONSE");
            assertThat(response.path("state").asText()).isEqualTo("RUNNING");
            BusinessCalendar hours = BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("Europe/London"));
            Instant started = Instant.parse(response.path("startedAt").asText());
            assertThat(Instant.parse(response.path("dueAt").asText())).isEqualTo(hours.add(started, Duration.ofHours(4)));
            assertThat(Scenario.clock(sla, "RESOLUTION").path("target").asText()).isEqualTo("PT16H");
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readAll("helpdesk.tickets.v1",
                record -> record.path("subject").asText().equals(ticketId)
                        && record.path("type").asText().equals("helpdesk.ticket.opened.v1")))
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.path("specversion").asText()).isEqualTo("1.0");
                    assertThat(record.path("data").path("courseId").asText()).isEqualTo("CHEM-201");
                }));
    }

    @Test
    void story6_aContactOfAnotherOrganisationSeesNothingAndInternalCommentsNeverReachContacts() {
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/London");
        String contact = scenario.addContact(organizationId, "owner-" + UUID.randomUUID());
        String ticketId = scenario.openTicket(contact, organizationId, "QUERY", "S3").path("id").asText();
        Api.Response internal = api.post("/api/tickets/" + ticketId + "/comments", scenario.agent,
                Map.of("body", "Customer's DB is on the slow node, moving it.", "visibility", "INTERNAL"));
        assertThat(internal.status()).as(internal.toString()).isIn(200, 201);
        await().atMost(Duration.ofSeconds(30)).until(() -> scenario.sla(ticketId, contact).status() == 200);

        String otherOrganization = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/Paris");
        String stranger = scenario.addContact(otherOrganization, "stranger-" + UUID.randomUUID());
        assertThat(api.get("/api/tickets/" + ticketId, stranger).status()).isEqualTo(404);
        assertThat(api.post("/api/tickets/" + ticketId + "/comments", stranger,
                Map.of("body", "hello", "visibility", "PUBLIC")).status()).isEqualTo(404);
        assertThat(scenario.sla(ticketId, stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/budgets/" + organizationId, stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/organizations/" + organizationId, stranger).status()).isEqualTo(404);

        Api.Response asContact = api.get("/api/tickets/" + ticketId, contact);
        assertThat(asContact.status()).isEqualTo(200);
        assertThat(asContact.body()).doesNotContain("slow node");
        assertThat(api.get("/api/tickets/" + ticketId + "/history", contact).body()).doesNotContain("slow node");
        assertThat(api.get("/api/tickets/" + ticketId, scenario.agent).body()).contains("slow node");
    }

    private Api.Response uploadPng(String ticketId, String token) {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
        String boundary = "helpdesk-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"screenshot.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + png.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(png, 0, body, head.length, png.length);
        System.arraycopy(tail, 0, body, head.length + png.length, tail.length);
        HttpRequest request = api.request("/api/tickets/" + ticketId + "/attachments", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return api.send(request);
    }
}
