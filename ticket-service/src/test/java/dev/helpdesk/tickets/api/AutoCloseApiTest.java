package dev.helpdesk.tickets.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.tickets.support.Bodies;
import dev.helpdesk.tickets.support.Contacts;
import dev.helpdesk.tickets.support.HttpApi;
import dev.helpdesk.tickets.ticket.autoclose.AutoCloseTimers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 22, point 4: a resolved ticket closes by itself after the configured business days, on a clock the test moves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"helpdesk.tickets.auto-close.business-days=2", "management.server.port=0"})
@RealInfrastructure(database = "tickets")
class AutoCloseApiTest {

    static final String ADMIN = TestTokens.admin("admin-1");
    static final String AGENT = TestTokens.agent("agent-1");

    @TestConfiguration
    static class MovableClock {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    /** The system clock moved on by what the test says (time goes on, so nothing waits forever). */
    static final class TestClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void moveOn(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    AutoCloseTimers timers;
    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;
    String org;
    String contact;

    @BeforeEach
    void organisationWithAContact() {
        api = new HttpApi(port);
        org = api.post("/api/organizations", ADMIN, Bodies.organization("Uni " + UUID.randomUUID())).json().get("id").asText();
        contact = Contacts.add(api, org, "contact-" + UUID.randomUUID());
    }

    @Test
    void aResolvedTicketWithoutAReplyClosesByItselfAfterTheBusinessDaysAndSaysWhy() {
        String ticket = resolvedTicket();
        Instant due = due(ticket);
        assertThat(due).as("two business days of Mon-Fri 09-17 Berlin: at least 16 hours on").isAfter(clock.instant().plusSeconds(16 * 3600 - 60));

        clock.moveOn(Duration.ofDays(1));
        timers.fireAllDue();
        assertThat(status(ticket)).as("not yet due").isEqualTo("RESOLVED");

        clock.moveOn(Duration.ofDays(4));
        timers.fireAllDue();
        assertThat(status(ticket)).isEqualTo("CLOSED");
        JsonNode last = last(api.get("/api/tickets/" + ticket + "/history", AGENT).json().get("items"));
        assertThat(last.get("type").asText()).isEqualTo("helpdesk.ticket.status-changed.v1");
        assertThat(last.get("actor").asText()).isEqualTo("system");
        assertThat(last.at("/data/reason").asText()).contains("no reply from the customer within 2 business days");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auto_close_timer WHERE ticket_id = ?", Long.class, ticket)).isZero();
    }

    @Test
    void aContactsReplyBeforeThenReopensTheTicketAndStopsItsTimer() {
        String ticket = resolvedTicket();
        HttpApi.Answer reply = api.post("/api/tickets/" + ticket + "/comments", contact,
                Map.of("body", "Still broken for some students", "visibility", "PUBLIC"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auto_close_timer WHERE ticket_id = ?", Long.class, ticket)).isZero();

        clock.moveOn(Duration.ofDays(10));
        timers.fireAllDue();
        assertThat(status(ticket)).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aSecondResolutionGetsItsOwnTimeAndAClosedTicketNoTimer() {
        String ticket = resolvedTicket();
        Instant first = due(ticket);
        api.post("/api/tickets/" + ticket + "/reopen", contact, Map.of("reason", "Not fixed"));
        clock.moveOn(Duration.ofDays(3));
        assertThat(api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "RESOLVED", "resolution", "Quiz timeout raised; the course works again")).status()).isEqualTo(200);
        Instant second = due(ticket);
        assertThat(second).isAfter(first);
        assertThat(api.post("/api/tickets/" + ticket + "/status", contact, Map.of("status", "CLOSED")).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auto_close_timer WHERE ticket_id = ?", Long.class, ticket)).isZero();
    }

    private String resolvedTicket() {
        String ticket = api.post("/api/tickets", contact, Bodies.ticket(org)).json().get("id").asText();
        HttpApi.Answer resolved = api.post("/api/tickets/" + ticket + "/status", AGENT, Map.of("status", "RESOLVED", "resolution", "Quiz timeout raised; the course works again"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        return ticket;
    }

    private Instant due(String ticket) {
        return jdbc.queryForObject("SELECT due_at FROM auto_close_timer WHERE ticket_id = ?", Timestamp.class, ticket).toInstant();
    }

    private String status(String ticket) {
        return api.get("/api/tickets/" + ticket, AGENT).json().get("status").asText();
    }

    private static JsonNode last(JsonNode items) {
        return items.get(items.size() - 1);
    }
}
