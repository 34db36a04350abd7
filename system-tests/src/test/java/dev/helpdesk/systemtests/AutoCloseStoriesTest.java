package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 22, point 4, through the gateway: a resolved ticket without a contact's reply closes by itself, saying why; a
 * contact's reply before then reopens it. Five business days cannot pass in a test: the test moves the stored timer's
 * due time into the past (as the days passing would), nothing else; the ticket-service's timer loop does the rest.
 */
@ExtendWith(RunningSystem.class)
class AutoCloseStoriesTest {

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    @Test
    void aResolvedTicketWithoutAReplyClosesByItselfAndAReplyBeforeThenReopensIt() throws Exception {
        String organizationId = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        String contact = scenario.addContact(organizationId, "c-" + UUID.randomUUID());
        String quiet = scenario.openTicket(contact, organizationId, "QUERY", "S3").path("id").asText();
        String answered = scenario.openTicket(contact, organizationId, "QUERY", "S3").path("id").asText();
        resolve(quiet);
        resolve(answered);
        Instant quietDue = dueAt(quiet);
        assertThat(quietDue).as("five business days ahead").isAfter(Instant.now().plus(Duration.ofDays(4)));

        Api.Response reply = api.post("/api/tickets/" + answered + "/comments", contact,
                Map.of("body", "It happens again on quiz 4.", "visibility", "PUBLIC"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(api.get("/api/tickets/" + answered, contact).json().path("status").asText())
                .as("a contact's reply reopens a resolved ticket").isNotIn("RESOLVED", "CLOSED");
        assertThat(dueAt(answered)).as("the reopened ticket's timer is gone").isNull();

        moveDueIntoThePast(quiet);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get("/api/tickets/" + quiet, contact).json().path("status").asText()).isEqualTo("CLOSED"));
        JsonNode history = api.get("/api/tickets/" + quiet + "/history", scenario.agent).json().path("items");
        JsonNode close = history.get(history.size() - 1);
        assertThat(close.path("type").asText()).isEqualTo("helpdesk.ticket.status-changed.v1");
        assertThat(close.path("data").path("to").asText()).isEqualTo("CLOSED");
        assertThat(close.path("data").path("automatic").asBoolean()).isTrue();
        assertThat(close.path("data").path("reason").asText()).contains("no reply from the customer");
        assertThat(api.get("/api/tickets/" + answered, contact).json().path("status").asText()).isNotEqualTo("CLOSED");
    }

    private void resolve(String ticketId) {
        Api.Response resolved = api.post("/api/tickets/" + ticketId + "/status", scenario.agent,
                Map.of("status", "RESOLVED", "resolution", "Explained how to set the quiz's time limit."));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    }

    private static Instant dueAt(String ticketId) throws Exception {
        try (Connection db = tickets(); PreparedStatement read = db.prepareStatement(
                "SELECT due_at FROM auto_close_timer WHERE ticket_id = ?")) {
            read.setString(1, ticketId);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? row.getTimestamp(1).toInstant() : null;
            }
        }
    }

    private static void moveDueIntoThePast(String ticketId) throws Exception {
        try (Connection db = tickets(); PreparedStatement move = db.prepareStatement(
                "UPDATE auto_close_timer SET due_at = now() - interval '1 second' WHERE ticket_id = ?")) {
            move.setString(1, ticketId);
            assertThat(move.executeUpdate()).isEqualTo(1);
        }
    }

    private static Connection tickets() throws Exception {
        return DriverManager.getConnection(RunningSystem.stack().jdbcUrl("tickets"), "postgres", "postgres");
    }
}
