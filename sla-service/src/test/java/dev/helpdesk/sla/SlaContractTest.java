package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.events.organization.OrganizationTermsChangedEvent;
import dev.helpdesk.sla.support.Api;
import dev.helpdesk.sla.support.TicketEvents;
import dev.helpdesk.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 in sla-service, through its HTTP API and the real topic: next-reply clocks, exemptions (and how compliance
 * lists them), ticket types without targets, and the organisation calendar events it publishes.
 */
class SlaContractTest extends SlaServiceTestBase {

    private static final String MANAGER = TestTokens.manager("manager-1");

    private String org() {
        String organizationId = "org-" + UUID.randomUUID();
        String registration = events.registered(organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC");
        awaitApplied(registration);
        return organizationId;
    }

    private String open(String organizationId, TicketType type, Severity severity, Instant at) {
        String ticketId = TicketEvents.newId();
        events.opened(ticketId, organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", type, severity, at);
        awaitClock(ticketId, "FIRST_RESPONSE", started());
        return ticketId;
    }

    private void awaitApplied(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, eventId) == 1);
    }

    private static Map<String, Object> exemption(String metric, String reason, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metric", metric);
        body.put("reason", reason);
        body.put("note", note);
        return body;
    }

    @Test
    void aContactsCommentStartsANextReplyAndSupportsNextReplyMeetsIt() {
        Instant now = ago(Duration.ZERO);
        String ticketId = open(org(), TicketType.INCIDENT, Severity.S2, now.minus(Duration.ofMinutes(30)));
        awaitApplied(events.comment(ticketId, ActorKind.CONTACT, Visibility.PUBLIC, now.minus(Duration.ofMinutes(25))));
        assertThat(api.get("/api/sla/tickets/" + ticketId, AGENT).body().get("clocks")).as("not while unanswered")
                .hasSize(2);

        events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, now.minus(Duration.ofMinutes(20)));
        events.comment(ticketId, ActorKind.CONTACT, Visibility.PUBLIC, now.minus(Duration.ofMinutes(10)));
        JsonNode running = awaitClock(ticketId, "NEXT_REPLY", state("RUNNING"));
        assertThat(running.get("target").asText()).as("the first-response target of S2 (dedicated)").isEqualTo("PT4H");
        assertThat(instant(running, "startedAt")).isEqualTo(now.minus(Duration.ofMinutes(10)));

        events.status(ticketId, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_CUSTOMER, now.minus(Duration.ofMinutes(8)));
        awaitClock(ticketId, "NEXT_REPLY", state("PAUSED"));
        events.status(ticketId, TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.IN_PROGRESS, now.minus(Duration.ofMinutes(6)));
        awaitClock(ticketId, "NEXT_REPLY", state("RUNNING"));
        events.comment(ticketId, ActorKind.STAFF, Visibility.INTERNAL, now.minus(Duration.ofMinutes(4)));
        events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, now.minus(Duration.ofMinutes(2)));
        JsonNode met = awaitClock(ticketId, "NEXT_REPLY", state("MET"));
        assertThat(instant(met, "metAt")).isEqualTo(now.minus(Duration.ofMinutes(2)));
        assertThat(met.get("pausedFor").asText()).isEqualTo("PT2M");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> published = jdbc.queryForList("SELECT event_type FROM outbox WHERE record_key = ? "
                    + "AND payload::jsonb -> 'data' ->> 'metric' = 'NEXT_REPLY' ORDER BY id", String.class, ticketId);
            assertThat(published).containsExactly("helpdesk.sla.clock-started.v1", "helpdesk.sla.clock-paused.v1",
                    "helpdesk.sla.clock-resumed.v1", "helpdesk.sla.met.v1");
        });
        JsonNode timeline = api.get("/api/sla/tickets/" + ticketId + "/timeline", AGENT).body();
        assertThat(kinds(timeline, "NEXT_REPLY")).containsExactly("RUNNING", "PAUSED", "RUNNING", "MET");

        JsonNode beforeIt = api.get("/api/sla/tickets/" + ticketId + "?asOf=" + now.minus(Duration.ofMinutes(15)), AGENT)
                .body();
        assertThat(beforeIt.get("clocks").findValuesAsText("metric")).doesNotContain("NEXT_REPLY");
        JsonNode whilePaused = api.get("/api/sla/tickets/" + ticketId + "?asOf=" + now.minus(Duration.ofMinutes(7)),
                AGENT).body();
        assertThat(clockOf(whilePaused, "NEXT_REPLY").get("state").asText()).isEqualTo("PAUSED");
    }

    @Test
    void anExemptedClockStopsCountingShowsItsReasonAndIsPublished() {
        String ticketId = open(org(), TicketType.INCIDENT, Severity.S2, ago(Duration.ofMinutes(30)));

        Api.Answer answer = api.post("/api/sla/tickets/" + ticketId + "/exemptions", AGENT,
                exemption("RESOLUTION", "CLIENT_CONFIGURATION", "Their own proxy blocks the site"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.body().get("reason").asText()).isEqualTo("CLIENT_CONFIGURATION");
        assertThat(answer.body().get("exemptedBy").asText()).isEqualTo("agent-1");
        JsonNode clock = clockOf(api.get("/api/sla/tickets/" + ticketId, AGENT).body(), "RESOLUTION");
        assertThat(clock.get("state").asText()).isEqualTo("EXEMPTED");
        assertThat(clock.get("exemption").get("reason").asText()).isEqualTo("CLIENT_CONFIGURATION");
        assertThat(clock.get("exemption").get("note").asText()).isEqualTo("Their own proxy blocks the site");
        assertThat(jdbc.queryForObject("SELECT next_timer_at FROM clock WHERE ticket_id = ? AND metric = 'RESOLUTION'",
                java.sql.Timestamp.class, ticketId)).as("its timer is removed").isNull();
        assertThat(outboxCount(ticketId, "helpdesk.sla.clock-exempted.v1")).isEqualTo(1);
        JsonNode published = TicketEventsJson.read(jdbc.queryForObject("SELECT payload FROM outbox WHERE record_key = ? "
                + "AND event_type = 'helpdesk.sla.clock-exempted.v1'", String.class, ticketId));
        assertThat(published.get("actor").asText()).isEqualTo("agent-1");
        assertThat(published.get("data").get("note").asText()).isEqualTo("Their own proxy blocks the site");
        assertThat(kinds(api.get("/api/sla/tickets/" + ticketId + "/timeline", AGENT).body(), "RESOLUTION"))
                .containsExactly("RUNNING", "EXEMPTED");
        JsonNode asOf = clockOf(api.get("/api/sla/tickets/" + ticketId + "?asOf=" + Instant.now().plusSeconds(1), AGENT)
                .body(), "RESOLUTION");
        assertThat(asOf.get("state").asText()).isEqualTo("EXEMPTED");
        assertThat(asOf.get("exemption").get("reason").asText()).isEqualTo("CLIENT_CONFIGURATION");

        events.status(ticketId, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, ago(Duration.ofMinutes(1)));
        awaitClock(ticketId, "FIRST_RESPONSE", state("MET"));
        assertThat(clockOf(api.get("/api/sla/tickets/" + ticketId, AGENT).body(), "RESOLUTION").get("state").asText())
                .as("resolving leaves it exempted").isEqualTo("EXEMPTED");
    }

    @Test
    void exemptionsAreRefusedAsDocumented() {
        String organizationId = org();
        String ticketId = open(organizationId, TicketType.INCIDENT, Severity.S2, ago(Duration.ofMinutes(30)));
        String path = "/api/sla/tickets/" + ticketId + "/exemptions";
        String contact = contact("contact-" + UUID.randomUUID(), organizationId);

        assertThat(api.post(path, contact, exemption("RESOLUTION", "CLIENT_CONFIGURATION", "x")).status()).isEqualTo(403);
        assertThat(api.post(path, TestTokens.analyst("analyst-1"), exemption("RESOLUTION", "CLIENT_CONFIGURATION", "x"))
                .status()).isEqualTo(403);
        Api.Answer invalid = api.post(path, AGENT, exemption("LUNCH", "BORED", " "));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text()).contains("\"metric\"", "\"reason\"", "\"note\"");
        Api.Answer noClock = api.post(path, AGENT, exemption("NEXT_REPLY", "CUSTOMER_ASKED_TO_WAIT", "holiday"));
        assertThat(noClock.status()).as("no next reply started").isEqualTo(404);
        assertThat(noClock.contentType()).contains("application/problem+json");
        assertThat(api.post("/api/sla/tickets/" + UUID.randomUUID() + "/exemptions", AGENT,
                exemption("RESOLUTION", "CLIENT_CONFIGURATION", "x")).status()).isEqualTo(404);

        awaitApplied(events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, ago(Duration.ofMinutes(20))));
        Api.Answer met = api.post(path, AGENT, exemption("FIRST_RESPONSE", "MISASSIGNED_SEVERITY", "x"));
        assertThat(met.status()).isEqualTo(422);
        assertThat(met.body().get("reason").asText()).isEqualTo("clock-met");

        assertThat(api.post(path, MANAGER, exemption("RESOLUTION", "MISASSIGNED_SEVERITY", "S2 for a typo")).status())
                .isEqualTo(201);
        Api.Answer again = api.post(path, AGENT, exemption("RESOLUTION", "MISASSIGNED_SEVERITY", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("reason").asText()).isEqualTo("already-exempted");
        assertThat(outboxCount(ticketId, "helpdesk.sla.clock-exempted.v1")).isEqualTo(1);
    }

    @Test
    void complianceLeavesExemptedClocksOutOfItsPercentagesAndListsThemApart() {
        String organizationId = org();
        Instant opened = ago(Duration.ofHours(10));
        String breached = open(organizationId, TicketType.INCIDENT, Severity.S1, opened);
        String exempted = open(organizationId, TicketType.INCIDENT, Severity.S1, opened);
        // answered in time: opened lately (a clock whose due time passed could be breached by its timer first)
        Instant lately = ago(Duration.ofMinutes(10));
        String met = open(organizationId, TicketType.INCIDENT, Severity.S1, lately);
        awaitClock(breached, "FIRST_RESPONSE", state("BREACHED"));
        awaitClock(exempted, "FIRST_RESPONSE", state("BREACHED"));
        events.comment(met, ActorKind.STAFF, Visibility.PUBLIC, lately.plus(Duration.ofMinutes(5)));
        awaitClock(met, "FIRST_RESPONSE", state("MET"));
        assertThat(api.post("/api/sla/tickets/" + exempted + "/exemptions", AGENT,
                exemption("FIRST_RESPONSE", "MISASSIGNED_SEVERITY", "Not an emergency")).status()).isEqualTo(201);

        Api.Answer report = api.get("/api/sla/reports/compliance?organizationId=" + organizationId
                + "&from=" + opened.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60), AGENT);

        assertThat(report.status()).as(report.text()).isEqualTo(200);
        JsonNode firstResponse = line(report.body(), "FIRST_RESPONSE", "S1");
        assertThat(firstResponse.get("met").asLong()).isEqualTo(1);
        assertThat(firstResponse.get("breached").asLong()).isEqualTo(1);
        assertThat(firstResponse.get("exempted").asLong()).isEqualTo(1);
        assertThat(firstResponse.get("metPercent").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(report.body().get("exemptions")).singleElement().satisfies(item -> {
            assertThat(item.get("ticketId").asText()).isEqualTo(exempted);
            assertThat(item.get("metric").asText()).isEqualTo("FIRST_RESPONSE");
            assertThat(item.get("severity").asText()).isEqualTo("S1");
            assertThat(item.get("reason").asText()).isEqualTo("MISASSIGNED_SEVERITY");
        });
    }

    @Test
    void complianceCountsEveryNextReplyOfATicket() {
        String organizationId = org();
        Instant opened = ago(Duration.ofHours(3));
        String ticketId = open(organizationId, TicketType.QUERY, Severity.S2, opened);
        events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, opened.plus(Duration.ofMinutes(5)));
        events.comment(ticketId, ActorKind.CONTACT, Visibility.PUBLIC, opened.plus(Duration.ofMinutes(10)));
        events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, opened.plus(Duration.ofMinutes(20)));
        events.comment(ticketId, ActorKind.CONTACT, Visibility.PUBLIC, opened.plus(Duration.ofMinutes(30)));
        events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, opened.plus(Duration.ofMinutes(40)));
        awaitApplied(events.comment(ticketId, ActorKind.CONTACT, Visibility.PUBLIC, opened.plus(Duration.ofMinutes(50))));
        awaitClock(ticketId, "NEXT_REPLY", state("RUNNING"));

        JsonNode report = api.get("/api/sla/reports/compliance?organizationId=" + organizationId
                + "&from=" + opened.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60), AGENT).body();

        JsonNode nextReply = line(report, "NEXT_REPLY", "S2");
        assertThat(nextReply.get("met").asLong()).isEqualTo(2);
        assertThat(nextReply.get("open").asLong()).isEqualTo(1);
        assertThat(nextReply.get("metPercent").decimalValue()).isEqualByComparingTo("100.0");
        assertThat(kinds(api.get("/api/sla/tickets/" + ticketId + "/timeline", AGENT).body(), "NEXT_REPLY"))
                .containsExactly("RUNNING", "MET", "RUNNING", "MET", "RUNNING");
    }

    @Test
    void aPolicyMayGiveATicketTypeNoTargetsAndStoredPoliciesKeepWorking() {
        JsonNode standard = api.get("/api/sla/policies/standard", AGENT).body();
        assertThat(standard.get("targets").get("S1").has("nextReply")).as("stored before nextReply").isFalse();
        assertThat(standard.get("typesWithoutTargets")).isEmpty();

        Map<String, Object> policy = new LinkedHashMap<>(policy("24x7", "PT1H", "PT8H"));
        policy.put("typesWithoutTargets", List.of("REQUEST"));
        @SuppressWarnings("unchecked")
        Map<String, Object> s1 = new LinkedHashMap<>((Map<String, Object>) ((Map<String, Object>) policy.get("targets")).get("S1"));
        s1.put("nextReply", "PT30M");
        Map<String, Object> targets = new LinkedHashMap<>((Map<String, Object>) policy.get("targets"));
        targets.put("S1", s1);
        policy.put("targets", targets);
        String policyId = "openedx-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer saved = api.put("/api/sla/policies/" + policyId, ADMIN, policy);
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);
        assertThat(saved.body().get("typesWithoutTargets").get(0).asText()).isEqualTo("REQUEST");
        Map<String, Object> wrong = new LinkedHashMap<>(policy);
        wrong.put("typesWithoutTargets", List.of("CHORE"));
        Api.Answer refused = api.put("/api/sla/policies/" + policyId, ADMIN, wrong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("typesWithoutTargets[0]");

        String organizationId = org();
        assertThat(api.put("/api/sla/organizations/" + organizationId + "/policy", ADMIN, Map.of("policyId", policyId))
                .status()).isEqualTo(200);
        String request = TicketEvents.newId();
        String opening = events.opened(request, organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC",
                TicketType.REQUEST, Severity.S1, ago(Duration.ofMinutes(30)));
        String incident = open(organizationId, TicketType.INCIDENT, Severity.S1, ago(Duration.ofMinutes(30)));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/sla/tickets/" + request, AGENT).status() == 200);
        awaitApplied(events.comment(request, ActorKind.STAFF, Visibility.PUBLIC, ago(Duration.ofMinutes(20))));
        awaitApplied(events.comment(request, ActorKind.CONTACT, Visibility.PUBLIC, ago(Duration.ofMinutes(10))));

        JsonNode withoutTargets = api.get("/api/sla/tickets/" + request, AGENT).body();
        assertThat(withoutTargets.get("withoutTargets").asBoolean()).isTrue();
        assertThat(withoutTargets.get("clocks")).as("opening %s", opening).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE record_key = ?", Long.class, request)).isZero();
        events.comment(incident, ActorKind.STAFF, Visibility.PUBLIC, ago(Duration.ofMinutes(20)));
        events.comment(incident, ActorKind.CONTACT, Visibility.PUBLIC, ago(Duration.ofMinutes(10)));
        assertThat(awaitClock(incident, "NEXT_REPLY", state("RUNNING")).get("target").asText()).isEqualTo("PT30M");
    }

    @Test
    void anOrganisationsCalendarIsPublishedWhenItRegistersChangesTermsGetsAnotherPolicyAndItsCalendarIsEdited() {
        String organizationId = "org-" + UUID.randomUUID();
        events.registered(organizationId, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "Europe/Berlin");
        JsonNode registered = awaitCalendarEvents(organizationId, 1).get(0);
        assertThat(registered.get("subject").asText()).isEqualTo("organization/" + organizationId);
        assertThat(registered.get("data").get("calendarId").asText()).isEqualTo("business-hours");
        assertThat(registered.get("data").get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(registered.get("data").get("weeklyHours").get("MONDAY").get(0).get("from").asText()).startsWith("09:00");

        Instant effectiveFrom = Instant.parse("2027-01-01T00:00:00Z");
        events.publish(organizationId, new OrganizationTermsChangedEvent(organizationId, "Org", Plan.DEDICATED,
                CalendarKind.TWENTY_FOUR_SEVEN, "Europe/Berlin", 5, null, null, null, null,
                List.of("plan", "calendar"), effectiveFrom, "admin-1", Instant.now()));
        JsonNode changed = awaitCalendarEvents(organizationId, 2).get(1);
        assertThat(changed.get("data").get("calendarId").asText()).isEqualTo("24x7");
        assertThat(changed.get("data").get("effectiveFrom").asText()).isEqualTo("2027-01-01T00:00:00Z");
        String nameOnly = events.publish(organizationId, new OrganizationTermsChangedEvent(organizationId, "New name",
                Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "Europe/Berlin", 5, null, null, null, null,
                List.of("name"), effectiveFrom, "admin-1", Instant.now()));
        awaitApplied(nameOnly);

        String calendarId = "cal-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> calendar = Map.of("weeklyHours", Map.of("MONDAY", List.of(Map.of("from", "08:00", "to", "12:00"))),
                "holidays", List.of());
        assertThat(api.put("/api/sla/calendars/" + calendarId, ADMIN, calendar).status()).isEqualTo(201);
        String policyId = "pol-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/sla/policies/" + policyId, ADMIN, policy(calendarId, "PT1H", "PT8H")).status())
                .isEqualTo(201);
        assertThat(api.put("/api/sla/organizations/" + organizationId + "/policy", ADMIN, Map.of("policyId", policyId))
                .status()).isEqualTo(200);
        JsonNode assigned = awaitCalendarEvents(organizationId, 3).get(2);
        assertThat(assigned.get("data").get("calendarId").asText()).isEqualTo(calendarId);
        assertThat(assigned.get("data").get("weeklyHours").get("MONDAY").get(0).get("to").asText()).startsWith("12:00");

        Map<String, Object> edited = Map.of("weeklyHours", Map.of("MONDAY", List.of(Map.of("from", "08:00", "to", "12:00"))),
                "holidays", List.of("2026-12-25"));
        assertThat(api.put("/api/sla/calendars/" + calendarId, ADMIN, edited).status()).isEqualTo(200);
        JsonNode holidays = awaitCalendarEvents(organizationId, 4).get(3);
        assertThat(holidays.get("data").get("holidays").get(0).asText()).isEqualTo("2026-12-25");
        assertThat(holidays.get("data").get("calendarVersion").asLong()).isEqualTo(2);

        assertThat(api.put("/api/sla/calendars/" + calendarId, ADMIN, edited).status()).as("unchanged").isEqualTo(200);
        assertThat(api.put("/api/sla/organizations/" + organizationId + "/policy", ADMIN, Map.of("policyId", policyId))
                .status()).isEqualTo(200);
        assertThat(calendarEvents(organizationId)).as("nothing new to publish").hasSize(4);
    }

    @Test
    void theApiDocumentDescribesExemptionsAndTheNewFields() throws Exception {
        JsonNode document = dev.helpdesk.testsupport.ApiDocumentAssertions.assertServesTheEdgeDocument(port);

        JsonNode exemptions = document.at("/paths/~1api~1sla~1tickets~1{ticketId}~1exemptions/post");
        assertThat(exemptions.at("/responses/201").isMissingNode()).isFalse();
        for (String status : List.of("400", "403", "404", "409", "422")) {
            assertThat(exemptions.at("/responses/" + status + "/content").has("application/problem+json"))
                    .as("problem %s", status).isTrue();
        }
        String text = document.toString();
        assertThat(text).contains("typesWithoutTargets", "nextReply", "exemptedAt", "withoutTargets", "clockStartedAt");
    }

    @Test
    void aRegistrationAndATermsChangeReadInOnePollPublishBothCalendarsInOrder() {
        String organizationId = "org-" + UUID.randomUUID();
        Instant effectiveFrom = Instant.parse("2027-02-01T00:00:00Z");
        events.sendAllRaw(organizationId, List.of(
                envelope(organizationId, new dev.helpdesk.events.organization.OrganizationRegisteredEvent(organizationId,
                        "Org", Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "Europe/Paris", null, null, 3, null, null)),
                envelope(organizationId, new OrganizationTermsChangedEvent(organizationId, "Org", Plan.STANDARD,
                        CalendarKind.BUSINESS_HOURS, "America/Toronto", 3, null, null, null, null, List.of("timeZone"),
                        effectiveFrom, "admin-1", Instant.now()))));

        List<JsonNode> published = awaitCalendarEvents(organizationId, 2);

        assertThat(published).extracting(event -> event.get("data").get("timeZone").asText())
                .containsExactly("Europe/Paris", "America/Toronto");
        assertThat(published.get(1).get("data").get("effectiveFrom").asText()).isEqualTo("2027-02-01T00:00:00Z");
        assertThat(jdbc.queryForObject("SELECT time_zone FROM organization WHERE organization_id = ?", String.class,
                organizationId)).isEqualTo("America/Toronto");
    }

    private static String envelope(String key, Object data) {
        try {
            return TicketEvents.JSON.writeValueAsString(new dev.helpdesk.events.EventEnvelope<>(
                    dev.helpdesk.events.EventEnvelope.SPEC_VERSION, TicketEvents.newId(),
                    dev.helpdesk.events.EventTypes.typeOf(data.getClass()).orElseThrow(), "/ticket-service", key,
                    Instant.now(), dev.helpdesk.events.EventEnvelope.DATA_CONTENT_TYPE, "Organization", 0, null,
                    "tester", null, data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> awaitCalendarEvents(String organizationId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> calendarEvents(organizationId).size() >= count);
        return calendarEvents(organizationId);
    }

    private List<JsonNode> calendarEvents(String organizationId) {
        List<JsonNode> found = new ArrayList<>();
        for (String payload : jdbc.queryForList("SELECT payload FROM outbox WHERE record_key = ? AND event_type = "
                + "'helpdesk.sla.organization-calendar-changed.v1' ORDER BY id", String.class,
                "organization/" + organizationId)) {
            found.add(TicketEventsJson.read(payload));
        }
        return found;
    }

    private static JsonNode line(JsonNode report, String metric, String severity) {
        for (JsonNode item : report.get("items")) {
            if (item.get("metric").asText().equals(metric) && item.get("severity").asText().equals(severity)) {
                return item;
            }
        }
        throw new AssertionError("no line " + metric + " " + severity + " in " + report);
    }

    private static List<String> kinds(JsonNode timeline, String metric) {
        for (JsonNode clock : timeline.get("clocks")) {
            if (clock.get("metric").asText().equals(metric)) {
                List<String> kinds = new ArrayList<>();
                clock.get("segments").forEach(segment -> kinds.add(segment.get("kind").asText()));
                return kinds;
            }
        }
        return List.of();
    }

    /** Reads a stored payload. */
    private static final class TicketEventsJson {
        static JsonNode read(String payload) {
            try {
                return TicketEvents.JSON.readTree(payload);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
