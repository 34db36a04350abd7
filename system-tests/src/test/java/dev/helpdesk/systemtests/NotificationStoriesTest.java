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

/**
 * Issue 22, point 3, through the gateway: the contact of a ticket is mailed support's public reply (at the local
 * mailbox, a real SMTP server), never an internal note, nothing they opted out of, and no contact of another
 * organisation is mailed about it.
 */
@ExtendWith(RunningSystem.class)
class NotificationStoriesTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void theContactIsMailedSupportsPublicReplyButNoInternalNoteAndNothingTheyOptedOutOf() {
        String organizationId = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/London");
        String otherOrganization = scenario.registerOrganization("STANDARD", "TWENTY_FOUR_SEVEN", "Europe/London");
        String userId = "mailed-" + UUID.randomUUID();
        String contact = scenario.addContact(organizationId, userId);
        String outsiderId = "outsider-" + UUID.randomUUID();
        scenario.addContact(otherOrganization, outsiderId);
        JsonNode ticket = scenario.openTicket(contact, organizationId, "INCIDENT", "S3");
        String ticketId = ticket.path("id").asText();

        Api.Response optedOut = await().atMost(Duration.ofSeconds(30)).until(() -> api.put("/api/me/notifications",
                contact, Map.of("optOuts", List.of("status-changed"))), answer -> answer.status() == 200);
        assertThat(optedOut.json().path("optOuts").get(0).asText()).isEqualTo("status-changed");
        assertThat(api.put("/api/me/notifications", contact, Map.of("optOuts", List.of("spam"))).status()).isEqualTo(400);

        post("/api/tickets/" + ticketId + "/comments", Map.of("body", "Internal: theme is ancient", "visibility", "INTERNAL"));
        post("/api/tickets/" + ticketId + "/comments", Map.of("body", "Please clear the cache and retry.", "visibility", "PUBLIC"));
        post("/api/tickets/" + ticketId + "/status", Map.of("status", "WAITING_ON_CUSTOMER"));
        post("/api/tickets/" + ticketId + "/comments", Map.of("body", "Any news?", "visibility", "PUBLIC"));

        String address = userId + "@academy.example";
        List<Map<String, Object>> mails = await().atMost(Duration.ofSeconds(60))
                .until(() -> mailsTo(address), received -> received.size() >= 2);
        assertThat(mails).extracting(mail -> mail.get("subject").toString())
                .allMatch(subject -> subject.startsWith("[" + ticket.path("key").asText() + "]"))
                .allMatch(subject -> subject.endsWith("support replied"));
        assertThat(mails).extracting(mail -> mail.get("body").toString())
                .anyMatch(body -> body.contains("Please clear the cache and retry."))
                .noneMatch(body -> body.contains("ancient"));
        assertThat(RunningSystem.stack().mails()).extracting(mail -> mail.get("body").toString())
                .noneMatch(body -> body.contains("ancient"));
        assertThat(mailsTo(outsiderId + "@academy.example")).isEmpty();
    }

    private void post(String path, Map<String, Object> body) {
        Api.Response answer = api.post(path, scenario.agent, body);
        assertThat(answer.status()).as(path + " " + answer).isBetween(200, 201);
    }

    private static List<Map<String, Object>> mailsTo(String address) {
        return RunningSystem.stack().mails().stream().filter(mail -> mail.get("to").toString().contains(address)).toList();
    }
}
