package dev.helpdesk.budgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.budgets.fixtures.Api;
import dev.helpdesk.budgets.fixtures.SlaTopic;
import dev.helpdesk.budgets.fixtures.TicketTopic;
import dev.helpdesk.budgets.fixtures.TicketTopicCreation;
import dev.helpdesk.events.RateKind;
import dev.helpdesk.events.sla.SlaBusinessHours;
import dev.helpdesk.events.sla.SlaOrganizationCalendarChangedEvent;
import dev.helpdesk.events.ticket.TimeEntryLoggedEvent;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Out-of-hours marks on the calendar sla-service publishes on {@code helpdesk.sla.v1} (docs/budget-time.md,
 * "Out-of-hours marks"): a public holiday makes work begun on it out of hours, in the JSON and CSV timesheets; an older
 * or repeated calendar event changes nothing; a calendar in force from later counts from then.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@RealInfrastructure(database = "budgets")
@DirtiesContext
@Import(TicketTopicCreation.class)
class BudgetCalendarApiTest {

    static final String AGENT = TestTokens.agent("agent-1");
    /** Wednesday 11 March 2026: a holiday of the published calendar. */
    static final LocalDate HOLIDAY = LocalDate.parse("2026-03-11");
    /** Easter Monday 2026: a holiday of the calendar in force from 1 April. */
    static final LocalDate EASTER_MONDAY = LocalDate.parse("2026-04-06");

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${helpdesk.topics.tickets}")
    String ticketsTopic;
    @Value("${helpdesk.topics.sla}")
    String slaTopic;

    TicketTopic tickets;
    SlaTopic sla;
    Api api;
    String org;

    @BeforeEach
    void setUp() {
        tickets = new TicketTopic(kafka, objectMapper, ticketsTopic);
        sla = new SlaTopic(kafka, objectMapper, slaTopic);
        api = new Api(http, objectMapper);
        org = UUID.randomUUID().toString();
        // Registered on business hours in Europe/Amsterdam.
        tickets.registered(org, "10000.00", "100.00", "150.00", LocalDate.parse("2026-01-01"), LocalDate.now().plusDays(300));
    }

    private TicketTopic.Sent calendar(long sequence, String effectiveFrom, List<LocalDate> holidays) {
        return sla.calendar(org, sequence, effectiveFrom, holidays);
    }

    private void entry(String entryId, String startedAt) {
        Instant start = Instant.parse(startedAt);
        tickets.send("T-" + org, "Ticket", new TimeEntryLoggedEvent("T-" + org, org, entryId, "alice", 30, RateKind.STANDARD,
                LocalDate.ofInstant(start, java.time.ZoneOffset.UTC), "ticket work", Instant.now(), start));
    }

    private Long lastSequence() {
        return jdbc.query("select last_sequence from organization_calendar_stream where organization_id = ?",
                rs -> rs.next() ? rs.getLong(1) : null, org);
    }

    @Test
    void workBegunOnAPublishedHolidayIsOutOfHoursInTheJsonAndCsvTimesheets() {
        TicketTopic.Sent holidays = calendar(2, "2026-01-01T00:00:00Z", List.of(HOLIDAY));
        sla.resend(holidays);                                                      // repeated: ignored
        calendar(1, "2026-01-01T00:00:00Z", List.of());                            // older: ignored
        calendar(3, "2026-03-31T22:00:00Z", List.of(EASTER_MONDAY));               // from 1 April, 00:00 CEST
        entry("holiday", "2026-03-11T09:00:00Z");                                  // 10:00 CET on the holiday
        entry("weekday", "2026-03-10T09:00:00Z");                                  // Tuesday 10:00 CET
        entry("easter", "2026-04-06T08:00:00Z");                                   // 10:00 CEST, Easter Monday
        entry("holiday-later", "2026-04-08T08:00:00Z");                            // Wednesday 10:00 CEST

        await().atMost(Duration.ofSeconds(60)).until(() -> Long.valueOf(3).equals(lastSequence()));
        JsonNode sheet = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(
                () -> api.json(api.get("/api/budgets/" + org + "/entries?from=2026-03-01&to=2026-04-30&size=100", AGENT)),
                json -> json.get("totalItems").asInt() == 4);
        Map<String, Boolean> marks = new HashMap<>();
        sheet.get("items").forEach(row -> marks.put(row.get("entryId").asText(), row.get("outOfHours").asBoolean()));
        assertThat(marks).containsEntry("holiday", true).containsEntry("weekday", false)
                .containsEntry("easter", true).containsEntry("holiday-later", false);
        assertThat(jdbc.queryForObject("select count(*) from organization_calendar where organization_id = ?",
                Integer.class, org)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where record_value like ?", Integer.class,
                "%" + org + "%")).as("nothing set aside").isZero();

        String csv = api.get("/api/budgets/" + org + "/entries?from=2026-03-01&to=2026-04-30", AGENT,
                MediaType.parseMediaType("text/csv")).getBody();
        assertThat(csv).containsPattern("\r\nholiday,LOGGED,2026-03-11,T-" + org + ",alice,STANDARD,100.00,30,50.00,EUR,"
                + "ticket work,[^,]+,,2026-03-11T09:00:00Z,true\r\n");
        assertThat(csv).containsPattern("\r\nweekday,LOGGED,2026-03-10,T-" + org + ",alice,STANDARD,100.00,30,50.00,EUR,"
                + "ticket work,[^,]+,,2026-03-10T09:00:00Z,false\r\n");
    }

    @Test
    void aCalendarThatCouldNeverBeCountedOnIsSetAsideAndTheWeekdayRuleStays() throws Exception {
        Map<DayOfWeek, List<SlaBusinessHours>> overlapping = new EnumMap<>(DayOfWeek.class);
        overlapping.put(DayOfWeek.MONDAY, List.of(new SlaBusinessHours(LocalTime.of(9, 0), LocalTime.of(17, 0)),
                new SlaBusinessHours(LocalTime.of(12, 0), LocalTime.of(18, 0))));
        SlaOrganizationCalendarChangedEvent event = new SlaOrganizationCalendarChangedEvent(org, "broken", 1,
                "Europe/Amsterdam", overlapping, List.of(HOLIDAY), Instant.parse("2026-01-01T00:00:00Z"));
        sla.calendar(event, 1);
        entry("holiday", "2026-03-11T09:00:00Z");

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from dead_letter where record_value like ?", Integer.class, "%" + org + "%") == 1);
        JsonNode sheet = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(
                () -> api.json(api.get("/api/budgets/" + org + "/entries?from=2026-03-01&to=2026-03-31", AGENT)),
                json -> json.get("totalItems").asInt() == 1);
        assertThat(sheet.get("items").get(0).get("outOfHours").asBoolean()).as("the weekday rule: Wednesday 10:00").isFalse();
        assertThat(lastSequence()).isNull();
    }
}
