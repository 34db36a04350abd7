package dev.helpdesk.tickets.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 7: a contact watching their ticket (its history, its ETag and version, its place in the list)
 * must not be able to tell that staff wrote an internal note.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "tickets")
class ContactVersionsApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");

    @LocalServerPort
    int port;

    HttpApi api;
    String contact;
    String ticket;

    @BeforeEach
    void ticketOfAContact() {
        api = new HttpApi(port);
        String org = api.post("/api/organizations", ADMIN, Bodies.organization("Uni")).json().get("id").asText();
        String user = "contact-" + UUID.randomUUID();
        assertThat(api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact(user)).status()).isEqualTo(201);
        contact = TestTokens.contact(user, org);
        ticket = api.post("/api/tickets", contact, Bodies.ticket(org)).json().get("id").asText();
        assertThat(comment(AGENT, "PUBLIC", "On it").status()).isEqualTo(201);
    }

    @Test
    void anInternalNoteMovesNothingAContactSees() {
        Seen before = seenByTheContact();
        String staffETag = api.get("/api/tickets/" + ticket, AGENT).header("ETag");

        assertThat(comment(AGENT, "INTERNAL", "Customer's DB is corrupt").status()).isEqualTo(201);

        Seen after = seenByTheContact();
        assertThat(after.history()).as("history: sequences, count, entries").isEqualTo(before.history());
        assertThat(after.etag()).isEqualTo(before.etag());
        assertThat(after.ticket().get("version")).isEqualTo(before.ticket().get("version"));
        assertThat(after.ticket().get("updatedAt")).isEqualTo(before.ticket().get("updatedAt"));
        assertThat(after.listed()).isEqualTo(before.listed());
        assertThat(api.get("/api/tickets/" + ticket, AGENT).header("ETag")).as("staff keep the stream version")
                .isNotEqualTo(staffETag);

        assertThat(comment(AGENT, "PUBLIC", "Fixed, please check").status()).isEqualTo(201);

        Seen moved = seenByTheContact();
        assertThat(moved.etag()).isNotEqualTo(before.etag());
        assertThat(moved.history().size()).isEqualTo(before.history().size() + 1);
        assertThat(moved.history().findValuesAsText("sequence"))
                .as("numbered without gaps, the last one the contact's version")
                .containsExactly(sequences(moved.history().size()));
        assertThat(moved.etag()).isEqualTo("\"" + (moved.history().size() - 1) + "\"");
        assertThat(moved.ticket().get("version").asLong()).isEqualTo(moved.history().size() - 1);
    }

    @Test
    void aContactsIfMatchNamesTheVersionTheyWereShown() {
        String etag = seenByTheContact().etag();
        comment(AGENT, "INTERNAL", "Escalate quietly");

        HttpApi.Answer written = api.post("/api/tickets/" + ticket + "/comments", contact,
                Map.of("body", "Any news?", "visibility", "PUBLIC"), "If-Match", etag);
        assertThat(written.status()).as("nothing the contact can see changed: " + written).isEqualTo(201);
        String current = written.header("ETag");
        assertThat(current).isEqualTo(seenByTheContact().etag());

        HttpApi.Answer stale = api.post("/api/tickets/" + ticket + "/status", contact, Map.of("status", "CLOSED"),
                "If-Match", etag);
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.json().get("type").asText()).endsWith("/stale-version");
        assertThat(stale.json().get("detail").asText()).contains("current ETag " + current);
    }

    record Seen(JsonNode history, String etag, JsonNode ticket, JsonNode listed) {
    }

    private Seen seenByTheContact() {
        HttpApi.Answer read = api.get("/api/tickets/" + ticket, contact);
        JsonNode listed = api.get("/api/tickets", contact).json().get("items").get(0);
        return new Seen(api.get("/api/tickets/" + ticket + "/history", contact).json().get("items"), read.header("ETag"),
                read.json(), listed);
    }

    private HttpApi.Answer comment(String token, String visibility, String body) {
        return api.post("/api/tickets/" + ticket + "/comments", token, Map.of("body", body, "visibility", visibility));
    }

    private static String[] sequences(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(String::valueOf).toArray(String[]::new);
    }
}
