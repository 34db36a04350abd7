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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "tickets")
class TicketApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");

    @LocalServerPort
    int port;
    HttpApi api;
    String org;
    String contactUser;
    String contact;

    @BeforeEach
    void organisationWithAContact() {
        api = new HttpApi(port);
        HttpApi.Answer registered = api.post("/api/organizations", ADMIN, Bodies.organization("Uni " + UUID.randomUUID()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        org = registered.json().get("id").asText();
        contactUser = "contact-" + UUID.randomUUID();
        HttpApi.Answer added = api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact(contactUser));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        contact = TestTokens.contact(contactUser, org);
    }

    HttpApi.Answer openTicket() {
        HttpApi.Answer opened = api.post("/api/tickets", contact, Bodies.ticket(org));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened;
    }

    @Test
    void aContactOpensATicketAndReadsItBack() {
        HttpApi.Answer opened = openTicket();
        JsonNode ticket = opened.json();
        assertThat(ticket.get("key").asText()).matches("HD-\\d+");
        assertThat(ticket.get("status").asText()).isEqualTo("NEW");
        assertThat(ticket.get("organizationId").asText()).isEqualTo(org);
        assertThat(opened.header("Location")).endsWith("/api/tickets/" + ticket.get("id").asText());
        assertThat(opened.header("ETag")).isEqualTo("\"0\"");

        HttpApi.Answer read = api.get("/api/tickets/" + ticket.get("id").asText(), contact);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("title").asText()).isEqualTo("Quiz page times out");
        assertThat(read.json().get("escalationLevel").asInt()).isZero();
        assertThat(read.header("X-Correlation-Id")).isNotBlank();
    }
}
