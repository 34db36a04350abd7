package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.sla.support.Api;
import dev.helpdesk.sla.support.MutableClock;
import dev.helpdesk.sla.support.TicketEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * SLA as of T and the clocks' timeline (docs/replays.md), on a fixed clock the test moves event by event: a ticket of
 * an organisation in Europe/Paris on business hours (9-17), opened on the Friday before the end of summer time
 * (2026-10-25), paused, resumed, re-targeted from S3 to S1, resolved, reopened, and breached by the timer.
 */
@Import(SlaHistoryTest.FixedClock.class)
@TestPropertySource(properties = "helpdesk.sla.timers.fallback-interval=PT0.2S")
class SlaHistoryTest extends SlaServiceTestBase {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-10-23T12:00:00Z"));

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return CLOCK;
        }
    }

    /** Friday 15:00 in Paris (summer time, UTC+2). */
    static final Instant OPENED = Instant.parse("2026-10-23T13:00:00Z");
    /** Monday 10:00 in Paris (winter time, UTC+1). */
    static final Instant WAITING = Instant.parse("2026-10-26T09:00:00Z");
    static final Instant ANSWERED = Instant.parse("2026-10-26T11:00:00Z");
    static final Instant UPGRADED = Instant.parse("2026-10-26T12:00:00Z");
    static final Instant RESOLVED = Instant.parse("2026-10-26T13:00:00Z");
    /** Tuesday 10:00 in Paris. */
    static final Instant REOPENED = Instant.parse("2026-10-27T09:00:00Z");
    /** Where the reopened resolution clock is due: 8 h target + 6 h paused from Friday 15:00 = Tuesday 13:00. */
    static final Instant RESOLUTION_DUE = Instant.parse("2026-10-27T12:00:00Z");

    @Test
    void asOfAndTimelineFollowPauseRetargetReopenAndBreachAcrossTheEndOfSummerTime() {
        String organizationId = "org-paris-" + UUID.randomUUID();
        String ticketId = history(organizationId);

        assertThat(asOf(ticketId, Instant.parse("2026-10-23T12:59:00Z")).status()).isEqualTo(404);

        // Monday 09:30 Paris, after the change: 2 h on Friday and 30 min on Monday, not 1 h 30 or 3 h 30
        JsonNode monday = asOf(ticketId, Instant.parse("2026-10-26T08:30:00Z")).body();
        assertClock(monday, "FIRST_RESPONSE", "RUNNING", "S3", "PT2H30M", "PT5H30M", "2026-10-26T14:00:00Z");
        assertClock(monday, "RESOLUTION", "RUNNING", "S3", "PT2H30M", "PT21H30M", "2026-10-28T14:00:00Z");
        assertThat(monday.get("asOf").asText()).isEqualTo("2026-10-26T08:30:00Z");

        JsonNode waiting = asOf(ticketId, Instant.parse("2026-10-26T10:00:00Z")).body();
        assertClock(waiting, "RESOLUTION", "PAUSED", "S3", "PT3H", "PT21H", "2026-10-28T14:00:00Z");
        assertThat(clockOf(waiting, "RESOLUTION").get("pausedFor").asText()).isEqualTo("PT1H");
        assertClock(waiting, "FIRST_RESPONSE", "RUNNING", "S3", "PT4H", "PT4H", "2026-10-26T14:00:00Z");

        JsonNode upgraded = asOf(ticketId, Instant.parse("2026-10-26T12:30:00Z")).body();
        assertClock(upgraded, "FIRST_RESPONSE", "BREACHED", "S1", "PT6H30M", "PT-5H-30M", "2026-10-23T14:00:00Z");
        assertThat(clockOf(upgraded, "FIRST_RESPONSE").get("breachedAt").asText()).isEqualTo(UPGRADED.toString());
        assertClock(upgraded, "RESOLUTION", "RUNNING", "S1", "PT4H30M", "PT3H30M", "2026-10-26T16:00:00Z");
        assertThat(upgraded.get("severity").asText()).isEqualTo("S1");

        JsonNode resolved = asOf(ticketId, Instant.parse("2026-10-26T20:00:00Z")).body();
        assertClock(resolved, "RESOLUTION", "MET", "S1", "PT5H", "PT3H", "2026-10-26T16:00:00Z");

        JsonNode reopened = asOf(ticketId, Instant.parse("2026-10-27T09:30:00Z")).body();
        assertClock(reopened, "RESOLUTION", "RUNNING", "S1", "PT5H30M", "PT2H30M", RESOLUTION_DUE.toString());

        JsonNode breached = asOf(ticketId, Instant.parse("2026-10-27T12:15:00Z")).body();
        assertClock(breached, "RESOLUTION", "BREACHED", "S1", "PT8H15M", "PT-15M", RESOLUTION_DUE.toString());
        assertThat(clockOf(breached, "RESOLUTION").get("breachedAt").asText()).isEqualTo(RESOLUTION_DUE.toString());

        JsonNode timeline = api.get("/api/sla/tickets/" + ticketId + "/timeline", AGENT).body();
        assertThat(segments(timeline, "FIRST_RESPONSE")).containsExactly(
                "RUNNING " + OPENED + " " + UPGRADED + " S3 - -",
                "RETARGETED " + UPGRADED + " " + UPGRADED + " S1 S3 -",
                "BREACHED " + UPGRADED + " - S1 - -");
        assertThat(segments(timeline, "RESOLUTION")).containsExactly(
                "RUNNING " + OPENED + " " + WAITING + " S3 - -",
                "PAUSED " + WAITING + " " + ANSWERED + " S3 - WAITING_ON_CUSTOMER",
                "RUNNING " + ANSWERED + " " + UPGRADED + " S3 - -",
                "RETARGETED " + UPGRADED + " " + RESOLVED + " S1 S3 -",
                "MET " + RESOLVED + " " + REOPENED + " S1 - -",
                "RUNNING " + REOPENED + " " + RESOLUTION_DUE + " S1 - -",
                "BREACHED " + RESOLUTION_DUE + " - S1 - -");
    }

    @Test
    void contactsReadTheHistoryOfTheirOwnOrganisationOnly() {
        String organizationId = "org-paris-" + UUID.randomUUID();
        String ticketId = history(organizationId);
        String own = contact("carol-" + UUID.randomUUID(), organizationId);
        String otherOrganization = "org-other-" + UUID.randomUUID();
        String other = contact("mallory-" + UUID.randomUUID(), otherOrganization);

        assertThat(api.get("/api/sla/tickets/" + ticketId + "/timeline", own).status()).isEqualTo(200);
        assertThat(api.get("/api/sla/tickets/" + ticketId + "?asOf=2026-10-26T10:00:00Z", own).status()).isEqualTo(200);
        Api.Answer timeline = api.get("/api/sla/tickets/" + ticketId + "/timeline", other);
        Api.Answer asOf = api.get("/api/sla/tickets/" + ticketId + "?asOf=2026-10-26T10:00:00Z", other);
        assertThat(timeline.status()).isEqualTo(404);
        assertThat(asOf.status()).isEqualTo(404);
        assertThat(timeline.contentType()).contains("application/problem+json");
        assertThat(api.get("/api/sla/tickets/" + ticketId + "/timeline", null).status()).isEqualTo(401);
    }

    @Test
    void anInstantThatIsNoneIsAProblem() {
        Api.Answer answer = api.get("/api/sla/tickets/any?asOf=yesterday", AGENT);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).contains("application/problem+json");
        assertThat(answer.text()).contains("asOf");
    }

    /** The ticket's whole life, each event applied at its own instant; answers the ticket id. */
    private String history(String organizationId) {
        String ticketId = TicketEvents.newId();
        at(OPENED);
        events.registered(organizationId, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "Europe/Paris");
        events.opened(ticketId, organizationId, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "Europe/Paris",
                TicketType.INCIDENT, Severity.S3, OPENED);
        awaitClock(ticketId, "RESOLUTION", state("RUNNING"));
        at(WAITING);
        events.status(ticketId, TicketStatus.NEW, TicketStatus.WAITING_ON_CUSTOMER, WAITING);
        awaitClock(ticketId, "RESOLUTION", state("PAUSED"));
        at(ANSWERED);
        events.status(ticketId, TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.IN_PROGRESS, ANSWERED);
        awaitClock(ticketId, "RESOLUTION", state("RUNNING"));
        at(UPGRADED);
        events.severity(ticketId, Severity.S3, Severity.S1, UPGRADED);
        awaitClock(ticketId, "FIRST_RESPONSE", state("BREACHED"));
        at(RESOLVED);
        events.status(ticketId, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, RESOLVED);
        awaitClock(ticketId, "RESOLUTION", state("MET"));
        at(REOPENED);
        events.reopened(ticketId, REOPENED);
        awaitClock(ticketId, "RESOLUTION", state("RUNNING"));
        at(Instant.parse("2026-10-27T12:30:00Z"));
        awaitClock(ticketId, "RESOLUTION", state("BREACHED"));
        return ticketId;
    }

    private void at(Instant instant) {
        CLOCK.set(instant);
    }

    private Api.Answer asOf(String ticketId, Instant instant) {
        return api.get("/api/sla/tickets/" + ticketId + "?asOf=" + instant, AGENT);
    }

    private static void assertClock(JsonNode ticket, String metric, String state, String severity, String elapsed,
                                    String remaining, String dueAt) {
        JsonNode clock = clockOf(ticket, metric);
        assertThat(List.of(clock.get("state").asText(), clock.get("severity").asText(), clock.get("elapsed").asText(),
                clock.get("remaining").asText(), clock.get("dueAt").asText()))
                .as("%s in %s", metric, ticket).containsExactly(state, severity, elapsed, remaining, dueAt);
    }

    /** Each segment as "kind from to severity previousSeverity reason" ("-" for none). */
    private static List<String> segments(JsonNode timeline, String metric) {
        for (JsonNode clock : timeline.get("clocks")) {
            if (clock.get("metric").asText().equals(metric)) {
                List<String> segments = new ArrayList<>();
                clock.get("segments").forEach(s -> segments.add(String.join(" ", s.get("kind").asText(),
                        s.get("from").asText(), text(s, "to"), s.get("severity").asText(), text(s, "previousSeverity"),
                        text(s, "reason"))));
                return segments;
            }
        }
        throw new AssertionError("no " + metric + " in " + timeline);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "-";
    }
}
