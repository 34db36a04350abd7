package dev.helpdesk.budgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.budgets.fixtures.Api;
import dev.helpdesk.budgets.fixtures.TicketTopic;
import dev.helpdesk.budgets.fixtures.TicketTopicCreation;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.EventTypes;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.RateKind;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryLoggedEvent;
import dev.helpdesk.events.organization.OrganizationTimeEntryReversedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21, point 8 through the budget API: time against the organisation itself, out-of-hours marks from the start
 * instant on the organisation's calendar, and rates that change in the middle of a month (docs/budget-time.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@RealInfrastructure(database = "budgets")
@AutoConfigureObservability
@DirtiesContext
@Import(TicketTopicCreation.class)
class BudgetTimeApiTest {

    static final LocalDate START = LocalDate.parse("2026-01-01");
    static final String AGENT = TestTokens.agent("agent-1");
    /** Monday 16 March 2026, 00:00 in Amsterdam. */
    static final Instant RENEWAL = Instant.parse("2026-03-15T23:00:00Z");

    @Autowired
    TestRestTemplate http;
    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Value("${helpdesk.topics.tickets}")
    String ticketsTopic;

    TicketTopic tickets;
    Api api;
    String org;

    @BeforeEach
    void setUp() {
        tickets = new TicketTopic(kafka, objectMapper, ticketsTopic);
        api = new Api(http, objectMapper);
        org = UUID.randomUUID().toString();
        // Registered on business hours in Europe/Amsterdam, 100.00 / 150.00 an hour.
        tickets.registered(org, "10000.00", "100.00", "150.00", START, LocalDate.now().plusDays(300));
    }

    private void ticketEntry(String entryId, int minutes, RateKind rate, String workDate, String startedAt) {
        tickets.send("T-" + org, "Ticket", new TimeEntryLoggedEvent("T-" + org, org, entryId, "alice", minutes, rate,
                LocalDate.parse(workDate), "ticket work", Instant.now(), startedAt == null ? null : Instant.parse(startedAt)));
    }

    private void organizationEntry(String entryId, String activity, int minutes, RateKind rate, String startedAt, String workDate) {
        tickets.send(org, "Organization", new OrganizationTimeEntryLoggedEvent(org, entryId, "bob", activity, minutes, rate,
                LocalDate.parse(workDate), Instant.parse(startedAt), activity + " with the customer", Instant.now()));
    }

    private void renewal() {
        tickets.send(org, "Organization", new OrganizationTermsChangedEvent(org, "Org " + org, Plan.STANDARD,
                CalendarKind.BUSINESS_HOURS, "Europe/Amsterdam", 3, null, null, new BigDecimal("120.00"),
                new BigDecimal("180.00"), List.of("standardRate", "consultancyRate"), RENEWAL, "admin-1",
                Instant.parse("2026-03-01T12:00:00Z")));
    }

    /** A ticket time entry as ticket-service stored it before entries had a start: no startedAt at all. */
    private void oldShapeEntry(String entryId, int minutes, String workDate) throws Exception {
        TimeEntryLoggedEvent event = new TimeEntryLoggedEvent("T-" + org, org, entryId, "alice", minutes, RateKind.STANDARD,
                LocalDate.parse(workDate), "old shape", Instant.now());
        ObjectNode envelope = (ObjectNode) objectMapper.valueToTree(new EventEnvelope<>(EventEnvelope.SPEC_VERSION,
                UUID.randomUUID().toString(), EventTypes.typeOf(TimeEntryLoggedEvent.class).orElseThrow(), "/ticket-service",
                "T-" + org, Instant.now(), EventEnvelope.DATA_CONTENT_TYPE, "Ticket", 0, null, "alice", "old-shape", event));
        ((ObjectNode) envelope.get("data")).remove("startedAt");
        assertThat(envelope.get("data").has("startedAt")).isFalse();
        tickets.sendRaw("T-" + org, objectMapper.writeValueAsString(envelope));
    }

    private JsonNode awaitEntries(int count) {
        return await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(
                () -> api.json(api.get("/api/budgets/" + org + "/entries?from=2026-03-01&to=2026-03-31&size=100", AGENT)),
                sheet -> sheet.get("totalItems").asInt() == count);
    }

    private static Map<String, JsonNode> byEntry(JsonNode sheet, String kind) {
        Map<String, JsonNode> rows = new HashMap<>();
        sheet.get("items").forEach(row -> {
            if (row.get("kind").asText().equals(kind)) {
                rows.put(row.get("entryId").asText(), row);
            }
        });
        return rows;
    }

    @Test
    void organisationTimeAndOutOfHoursWorkAreChargedAtTheRatesInEffectWhenTheWorkBegan() throws Exception {
        ticketEntry("e1", 60, RateKind.STANDARD, "2026-03-10", "2026-03-10T07:30:00Z");       // 08:30 CET: out of hours, 100.00
        ticketEntry("e2", 45, RateKind.STANDARD, "2026-03-10", "2026-03-10T09:00:00Z");       // 10:00: in hours, 75.00
        organizationEntry("o1", "Workshop", 90, RateKind.CONSULTANCY, "2026-03-12T13:00:00Z", "2026-03-12"); // 225.00
        renewal();                                                                              // 120.00 / 180.00 from 16 March
        ticketEntry("e4", 30, RateKind.CONSULTANCY, "2026-03-14", null);                      // before: 75.00
        oldShapeEntry("e3", 30, "2026-03-20");                                                  // after: 60.00, mark unknown
        organizationEntry("o2", "Call", 20, RateKind.STANDARD, "2026-03-21T10:00:00Z", "2026-03-21"); // Saturday: 40.00
        tickets.send("T-" + org, "Ticket", new dev.helpdesk.events.ticket.TimeEntryReversedEvent("T-" + org, org, "e1",
                "alice", 60, RateKind.STANDARD, LocalDate.parse("2026-03-10"), "wrong ticket", "alice", Instant.now()));
        tickets.send(org, "Organization", new OrganizationTimeEntryReversedEvent(org, "o1", "bob", 90, RateKind.CONSULTANCY,
                LocalDate.parse("2026-03-12"), "workshop cancelled", "bob", Instant.now()));

        JsonNode sheet = awaitEntries(8);
        assertThat(sheet.get("totalMinutes").asLong()).isEqualTo(125);
        assertThat(sheet.get("totalAmount").decimalValue()).hasToString("250.00");
        Map<String, JsonNode> logged = byEntry(sheet, "LOGGED");
        assertThat(logged.get("e1").get("outOfHours").asBoolean()).isTrue();
        assertThat(logged.get("e1").get("startedAt").asText()).isEqualTo("2026-03-10T07:30:00Z");
        assertThat(logged.get("e2").get("outOfHours").asBoolean()).isFalse();
        assertThat(logged.get("e3").get("outOfHours").isNull()).isTrue();
        assertThat(logged.get("e3").get("amount").decimalValue()).hasToString("60.00");
        assertThat(logged.get("e3").get("hourlyRate").decimalValue()).hasToString("120.00");
        assertThat(logged.get("e4").get("amount").decimalValue()).hasToString("75.00");
        assertThat(logged.get("o1").get("ticketId").isNull()).isTrue();
        assertThat(logged.get("o1").get("activity").asText()).isEqualTo("Workshop");
        assertThat(logged.get("o1").get("outOfHours").asBoolean()).isFalse();
        assertThat(logged.get("o2").get("outOfHours").asBoolean()).isTrue();
        assertThat(logged.get("o2").get("amount").decimalValue()).hasToString("40.00");
        Map<String, JsonNode> reversed = byEntry(sheet, "REVERSED");
        assertThat(reversed.get("e1").get("amount").decimalValue()).as("a reversal cancels at its entry's rate").hasToString("-100.00");
        assertThat(reversed.get("o1").get("amount").decimalValue()).hasToString("-225.00");
        assertThat(reversed.get("o1").get("activity").asText()).isEqualTo("Workshop");

        JsonNode budget = api.json(api.get("/api/budgets/" + org + "?periodStart=" + START, AGENT));
        assertThat(budget.get("consumed").decimalValue()).hasToString("250.00");
        assertThat(budget.get("remaining").decimalValue()).hasToString("9750.00");
        assertThat(budget.get("byTicket").toString()).as("organisation time is no ticket's")
                .isEqualTo("[{\"ticketId\":\"T-" + org + "\",\"minutes\":105,\"amount\":210.00}]");
        assertThat(budget.get("byAgent").toString()).contains("{\"agentId\":\"bob\",\"minutes\":20,\"amount\":40.00}");

        String csv = api.get("/api/budgets/" + org + "/entries?from=2026-03-01&to=2026-03-31", AGENT,
                MediaType.parseMediaType("text/csv")).getBody();
        assertThat(csv).startsWith("entryId,kind,workDate,ticketId,agentId,rate,hourlyRate,minutes,amount,currency,note,"
                + "recordedAt,activity,startedAt,outOfHours\r\n");
        assertThat(csv).containsPattern("\r\no2,LOGGED,2026-03-21,,bob,STANDARD,120.00,20,40.00,EUR,Call with the customer,[^,]+,"
                + "Call,2026-03-21T10:00:00Z,true\r\n");
        assertThat(csv).containsPattern("\r\ne3,LOGGED,2026-03-20,T-" + org + ",alice,STANDARD,120.00,30,60.00,EUR,old shape,[^,]+,,,\r\n");
    }

    @Test
    void theApiDocumentDescribesTheNewTimesheetFields() throws Exception {
        JsonNode document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);
        assertThat(document.at("/components/schemas/TimesheetRow/properties").fieldNames()).toIterable()
                .contains("activity", "startedAt", "outOfHours");
        assertThat(document.at("/components/schemas/TimesheetRow/properties/outOfHours/description").asText())
                .contains("public holidays", "Monday to Friday 09:00-17:00");
    }
}
