package dev.helpdesk.tickets.api;

import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.HttpApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, resource consumption: an upload is judged before its bytes are stored, and an organisation's attachments
 * have a quota (here 40 bytes: two 16-byte images fit, a third does not).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "helpdesk.tickets.attachments.quota-bytes=40")
@RealInfrastructure(database = "tickets")
class AttachmentAdmissionApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;
    String org;
    String contact;
    String ticket;

    @BeforeEach
    void ticketOfAContact() {
        api = new HttpApi(port);
        org = api.post("/api/organizations", ADMIN, Bodies.organization("Uni")).json().get("id").asText();
        String user = "contact-" + UUID.randomUUID();
        assertThat(api.post("/api/organizations/" + org + "/contacts", ADMIN, Bodies.contact(user)).status()).isEqualTo(201);
        contact = TestTokens.contact(user, org);
        HttpApi.Answer opened = api.post("/api/tickets", contact, Bodies.ticket(org));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        ticket = opened.json().get("id").asText();
    }

    /** A PNG signature and header, unique per call so that its bytes are new to the store. */
    private static byte[] png() {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        byte[] salt = UUID.randomUUID().toString().substring(0, 4).getBytes();
        System.arraycopy(salt, 0, image, 12, 4);
        return image;
    }

    private Map<String, Object> stored() {
        return jdbc.queryForMap("""
                SELECT (SELECT count(*) FROM attachment_content) AS contents,
                       (SELECT coalesce(sum(size), 0) FROM attachment_content) AS bytes,
                       (SELECT coalesce(sum(bytes), 0) FROM attachment_usage) AS counted,
                       (SELECT count(*) FROM domain_event_entry) AS events""");
    }

    @Test
    void anAttachmentToATicketTheCallerCannotSeeStoresNothing() {
        String stranger = dev.helpdesk.tickets.support.Contacts.ofAnotherOrganisation(api);
        Map<String, Object> before = stored();

        HttpApi.Answer otherTenant = api.upload("/api/tickets/" + ticket + "/attachments", stranger, "x.png", "image/png", png());
        HttpApi.Answer unknown = api.upload("/api/tickets/" + UUID.randomUUID() + "/attachments", contact, "x.png", "image/png", png());

        assertThat(otherTenant.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anAttachmentTheTicketRefusesStoresNothing() {
        assertThat(api.post("/api/tickets/" + ticket + "/status", AGENT,
                Map.of("status", "RESOLVED", "resolution", "Fixed the quiz timeout")).status()).isEqualTo(200);
        assertThat(api.post("/api/tickets/" + ticket + "/status", contact, Map.of("status", "CLOSED")).status()).isEqualTo(200);
        Map<String, Object> before = stored();

        HttpApi.Answer onClosed = api.upload("/api/tickets/" + ticket + "/attachments", contact, "late.png", "image/png", png());

        assertThat(onClosed.status()).isEqualTo(409);
        assertThat(onClosed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anOrganisationPastItsQuotaIsRefusedAndNothingMoreIsStored() {
        assertThat(api.upload("/api/tickets/" + ticket + "/attachments", contact, "one.png", "image/png", png()).status())
                .isEqualTo(201);
        assertThat(api.upload("/api/tickets/" + ticket + "/attachments", AGENT, "two.png", "image/png", png()).status())
                .isEqualTo(201);
        Map<String, Object> before = stored();

        HttpApi.Answer third = api.upload("/api/tickets/" + ticket + "/attachments", contact, "three.png", "image/png", png());

        assertThat(third.status()).isEqualTo(422);
        assertThat(third.json().get("type").asText()).endsWith("/business-rule-violated");
        assertThat(third.json().get("reason").asText()).isEqualTo("attachment-quota");
        assertThat(stored()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT bytes FROM attachment_usage WHERE organization_id = ?", Long.class, org))
                .isEqualTo(32);
        assertThat(api.get("/api/tickets/" + ticket, contact).json().get("attachments")).hasSize(2);
    }
}
