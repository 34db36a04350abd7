package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.sla.SlaBusinessHours;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The calendars the sla-service publishes for organisations: read from the SLA topic, counted on by new deadlines,
 * moving open deadlines and their durable timers; and the relationship manager named from level 2.
 */
class OrganizationCalendarsTest extends RunningService {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Duration ONE_HOUR = Duration.ofHours(1);

    @Test
    void aPublishedCalendarMovesAnOpenDeadlineAndItsTimer() {
        String org = id();
        String ticket = openTicket(org, Plan.STANDARD, Severity.S3); // round the clock in UTC until a calendar comes
        desk.escalationRequested(ticket, org, "contact-1");
        JsonNode raised = awaitEscalations(ticket, 1).get(0);
        Instant raisedAt = Instant.parse(raised.path("raisedAt").asText());
        assertThat(acknowledgeBy(raised)).as("fallback: 24x7").isEqualTo(raisedAt.plus(ONE_HOUR));
        assertThat(raised.path("acknowledgeWithin").asText()).isEqualTo("PT1H");
        LocalDate today = raisedAt.atZone(ZoneOffset.UTC).toLocalDate();

        awaitProcessed(desk.organizationCalendarChanged(org, 5, "UTC", roundTheClock(), List.of(today, today.plusDays(1)), LONG_AGO));

        Instant afterTheHolidays = today.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().plus(ONE_HOUR);
        JsonNode moved = escalations("?ticketId=" + ticket).get(0);
        assertThat(acknowledgeBy(moved)).isEqualTo(afterTheHolidays);
        assertThat(moved.path("version").asLong()).isEqualTo(raised.path("version").asLong() + 1);
        assertThat(timerDue(raised)).isEqualTo(afterTheHolidays);

        awaitProcessed(desk.organizationCalendarChanged(org, 4, "UTC", roundTheClock(), List.of(), LONG_AGO));
        assertThat(acknowledgeBy(escalations("?ticketId=" + ticket).get(0))).as("an older calendar is ignored")
                .isEqualTo(afterTheHolidays);

        awaitProcessed(desk.organizationCalendarChanged(org, 6, "UTC", roundTheClock(), List.of(), LONG_AGO));
        assertThat(acknowledgeBy(escalations("?ticketId=" + ticket).get(0))).as("holidays dropped again")
                .isEqualTo(raisedAt.plus(ONE_HOUR));
        assertThat(timerDue(raised)).isEqualTo(raisedAt.plus(ONE_HOUR));
    }

    @Test
    void aLevelRaisedAfterTheCalendarWasPublishedCountsOnItInsteadOfTheCoverageKind() {
        String org = id();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // weekdays' and weekends' hours both 00:00-24:00 in UTC, but today and tomorrow holidays
        awaitProcessed(desk.organizationCalendarChanged(org, 1, "UTC", roundTheClock(),
                List.of(today.minusDays(1), today, today.plusDays(1)), LONG_AGO));
        String ticket = id();
        desk.ticketOpened(ticket, org, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "Pacific/Kiritimati", Severity.S2);

        desk.escalationRequested(ticket, org, "contact-1");

        // raised today, or tomorrow if the test crossed midnight: either way a holiday until the day after tomorrow
        JsonNode raised = awaitEscalations(ticket, 1).get(0);
        assertThat(acknowledgeBy(raised)).isEqualTo(today.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().plus(ONE_HOUR));
    }

    @Test
    void aCalendarThatCannotBeCountedOnIsSetAside() {
        String org = id();
        Map<DayOfWeek, List<SlaBusinessHours>> overlapping = new EnumMap<>(DayOfWeek.class);
        overlapping.put(DayOfWeek.MONDAY, List.of(new SlaBusinessHours(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                new SlaBusinessHours(LocalTime.of(11, 0), LocalTime.of(17, 0))));

        EventEnvelope<Object> bad = desk.organizationCalendarChanged(org, 1, "UTC", overlapping, List.of(), LONG_AGO);

        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter WHERE event_id = ?", Integer.class, bad.id()) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organization_calendar WHERE organization_id = ?",
                Integer.class, org)).isZero();
    }

    @Test
    void theRelationshipManagerIsNamedFromLevelTwoInTheReadAndTheEvent() {
        String org = id();
        awaitProcessed(desk.organizationRegistered(org, Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", null, "Walter Skinner"));
        String ticket = openTicket(org, Plan.STANDARD, Severity.S2);

        desk.escalationRequested(ticket, org, "contact-1");
        awaitEscalations(ticket, 1);
        desk.escalationRequested(ticket, org, "contact-1");

        List<JsonNode> levels = awaitEscalations(ticket, 2);
        assertThat(levels.get(0).path("level").asInt()).isEqualTo(2);
        assertThat(levels.get(0).path("informsRelationshipManager").asBoolean()).isTrue();
        assertThat(levels.get(0).path("relationshipManager").asText()).isEqualTo("Walter Skinner");
        assertThat(levels.get(1).path("relationshipManager").isNull()).as("level 1 informs no one").isTrue();
        List<JsonNode> published = awaitPublished(ticket, "helpdesk.escalation.raised.v1", 2);
        assertThat(published).extracting(event -> event.path("data").path("relationshipManager").asText(null))
                .containsExactly(null, "Walter Skinner");

        awaitProcessed(desk.relationshipManagerChanged(org, Plan.STANDARD, "Alex Krycek", Instant.now().minusSeconds(1)));
        awaitProcessed(desk.relationshipManagerChanged(org, Plan.STANDARD, "Diana Fowley", Instant.now().plus(Duration.ofDays(30))));
        desk.escalationRequested(ticket, org, "contact-1");

        JsonNode top = awaitEscalations(ticket, 3).get(0);
        assertThat(top.path("level").asInt()).isEqualTo(3);
        assertThat(top.path("relationshipManager").asText()).as("the one in force, not the one announced for later")
                .isEqualTo("Alex Krycek");
        assertThat(awaitPublished(ticket, "helpdesk.escalation.raised.v1", 3).get(2).path("data").path("relationshipManager")
                .asText()).isEqualTo("Alex Krycek");
    }

    @Test
    void theApiDocumentDescribesTheNewFieldsOfAnEscalation() throws Exception {
        JsonNode document = dev.helpdesk.testsupport.ApiDocumentAssertions.assertServesTheEdgeDocument(port);

        JsonNode properties = document.at("/components/schemas/Escalation/properties");
        assertThat(properties.path("relationshipManager").path("description").asText()).contains("relationship manager");
        assertThat(properties.path("acknowledgeWithin").path("description").asText()).contains("ISO-8601");
    }

    private static Instant acknowledgeBy(JsonNode escalation) {
        return Instant.parse(escalation.path("acknowledgeBy").asText());
    }

    private Instant timerDue(JsonNode escalation) {
        return jdbc.queryForObject("SELECT due_at FROM acknowledgement_timer WHERE escalation_id = ?::uuid",
                Timestamp.class, escalation.path("id").asText()).toInstant();
    }

    private static Map<DayOfWeek, List<SlaBusinessHours>> roundTheClock() {
        Map<DayOfWeek, List<SlaBusinessHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new SlaBusinessHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return week;
    }
}
