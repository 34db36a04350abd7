package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.sla.support.Api;
import dev.helpdesk.sla.support.TicketEvents;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calendars, policies, reports and simulations: what admins manage and what they read. */
class SlaAdministrationTest extends SlaServiceTestBase {

    @Test
    void invalidCalendarsAnswerProblemsNamingEachField() {
        Map<String, Object> body = Map.of(
                "weeklyHours", Map.of(
                        "MONDAY", List.of(Map.of("from", "09:00", "to", "12:00"), Map.of("from", "11:00", "to", "17:00")),
                        "TUESDAY", List.of(Map.of("from", "17:00", "to", "09:00")),
                        "FUNDAY", List.of(Map.of("from", "09:00", "to", "10:00"))),
                "holidays", List.of("2026-12-25", "Christmas"),
                "timeZone", "Europe/Atlantis");

        Api.Answer answer = api.put("/api/sla/calendars/broken", ADMIN, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "weeklyHours.MONDAY", "weeklyHours.TUESDAY[0]", "weeklyHours.FUNDAY", "holidays[1]", "timeZone");
        assertThat(answer.text()).contains("overlaps").doesNotContain("Exception");
        assertThat(api.get("/api/sla/calendars/broken", AGENT).status()).isEqualTo(404);
    }

    @Test
    void adminsManageCalendarsAndOthersMayNot() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("weeklyHours", Map.of("MONDAY", List.of(Map.of("from", "08:00", "to", "12:00"), Map.of("from", "13:00", "to", "24:00"))));
        body.put("holidays", List.of("2026-12-25"));

        Api.Answer created = api.put("/api/sla/calendars/uk-support", ADMIN, body);
        Api.Answer repeated = api.put("/api/sla/calendars/uk-support", ADMIN, body);
        body.put("holidays", List.of("2026-12-25", "2026-12-28"));
        Api.Answer replaced = api.put("/api/sla/calendars/uk-support", ADMIN, body);
        Api.Answer byAgent = api.put("/api/sla/calendars/uk-support", AGENT, body);

        assertThat(created.status()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body().get("version").asLong()).as("the same content changes nothing").isEqualTo(1);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().get("version").asLong()).isEqualTo(2);
        assertThat(api.get("/api/sla/calendars/uk-support", AGENT).body().at("/weeklyHours/MONDAY/1/to").asText()).isEqualTo("24:00");
        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(byAgent.contentType()).startsWith("application/problem+json");
        Api.Answer stale = api.put("/api/sla/calendars/uk-support", ADMIN, body, "\"1\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/stale-version");
        assertThat(api.put("/api/sla/calendars/uk-support", ADMIN, body, "\"x\"").body().at("/errors/0/field").asText())
                .isEqualTo("If-Match");
        assertThat(api.put("/api/sla/calendars/uk-support", ADMIN, body, "\"2\"").status()).isEqualTo(200);
        assertThat(api.get("/api/sla/calendars?size=500", AGENT).status()).isEqualTo(400);
        assertThat(api.get("/api/sla/calendars?size=1&page=0", AGENT).body().get("items")).hasSize(1);
        assertThat(api.get("/v3/api-docs", null).text()).contains("/api/sla/tickets/{ticketId}");
    }

    @Test
    void invalidPoliciesAnswerProblemsNamingEachField() {
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("S1", Map.of("firstResponse", "-PT1H", "resolution", "PT8H"));
        targets.put("S2", Map.of("resolution", "PT16H"));
        targets.put("S3", Map.of("firstResponse", "four hours", "resolution", "PT0S"));
        targets.put("S4", Map.of("firstResponse", "PT16H"));
        targets.put("S9", Map.of("firstResponse", "PT16H"));
        Map<String, Object> body = Map.of("name", "Broken", "calendarId", "24x7", "warningThresholds", List.of(75, 120),
                "targets", targets);

        Api.Answer answer = api.put("/api/sla/policies/broken", ADMIN, body);
        Api.Answer unknownCalendar = api.put("/api/sla/policies/broken", ADMIN, policy("no-such-calendar", "PT1H", "PT2H"));
        Api.Answer unknownPolicy = api.put("/api/sla/organizations/org-x/policy", ADMIN, Map.of("policyId", "no-such-policy"));
        Api.Answer notJson = api.put("/api/sla/policies/broken", ADMIN, "{oops");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "warningThresholds[1]", "targets.S1.firstResponse", "targets.S2.firstResponse",
                "targets.S3.firstResponse", "targets.S3.resolution", "targets.S9", "targets.S5");
        assertThat(unknownCalendar.status()).isEqualTo(400);
        assertThat(unknownCalendar.body().get("errors").findValuesAsText("field")).containsExactly("calendarId");
        assertThat(unknownPolicy.status()).isEqualTo(400);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/sla/policies/broken", AGENT).status()).isEqualTo(404);
    }

    @Test
    void theComplianceReportCountsMetAndBreachedClocksPerMetricAndSeverity() {
        String organizationId = "org-" + TicketEvents.newId();
        String resolved = TicketEvents.newId();
        Instant opened = ago(Duration.ofHours(3));
        events.opened(resolved, organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", TicketType.INCIDENT, Severity.S2, opened);
        events.status(resolved, TicketStatus.NEW, TicketStatus.RESOLVED, opened.plus(Duration.ofHours(1)));
        String late = TicketEvents.newId();
        events.opened(late, organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", TicketType.INCIDENT, Severity.S3, opened);
        events.severity(late, Severity.S3, Severity.S1, opened.plus(Duration.ofHours(2)));
        awaitClock(resolved, "RESOLUTION", state("MET"));
        awaitClock(late, "FIRST_RESPONSE", state("BREACHED"));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String from = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();

        Api.Answer report = api.get("/api/sla/reports/compliance?organizationId=" + organizationId + "&from=" + from
                + "&to=" + today, contact("c-1", organizationId));
        Api.Answer foreign = api.get("/api/sla/reports/compliance?organizationId=" + organizationId + "&from=" + from
                + "&to=" + today, contact("c-2", "org-other"));
        Api.Answer missing = api.get("/api/sla/reports/compliance?organizationId=" + organizationId, AGENT);

        assertThat(report.status()).isEqualTo(200);
        Map<String, String> lines = new LinkedHashMap<>();
        report.body().get("items").forEach(line -> lines.put(line.get("metric").asText() + "/" + line.get("severity").asText(),
                line.get("met").asLong() + " met, " + line.get("breached").asLong() + " breached, "
                        + line.get("open").asLong() + " open, " + line.get("metPercent").asText() + "%"));
        assertThat(lines).containsExactly(
                Map.entry("FIRST_RESPONSE/S1", "0 met, 1 breached, 0 open, 0.0%"),
                Map.entry("FIRST_RESPONSE/S2", "1 met, 0 breached, 0 open, 100.0%"),
                Map.entry("RESOLUTION/S1", "0 met, 0 breached, 1 open, null%"),
                Map.entry("RESOLUTION/S2", "1 met, 0 breached, 0 open, 100.0%"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").findValuesAsText("field")).containsExactly("from");
    }

    @Test
    void aCalendarEditMovesTheDueTimesOfRunningClocks() {
        Map<String, Object> calendar = new LinkedHashMap<>();
        Map<String, Object> week = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            week.put(day, List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        calendar.put("weeklyHours", week);
        calendar.put("timeZone", "UTC");
        assertThat(api.put("/api/sla/calendars/always-utc", ADMIN, calendar).status()).isEqualTo(201);
        assertThat(api.put("/api/sla/policies/on-always-utc", ADMIN, policy("always-utc", "PT10H", "PT20H")).status()).isEqualTo(201);
        String organizationId = "org-" + TicketEvents.newId();
        api.put("/api/sla/organizations/" + organizationId + "/policy", ADMIN, Map.of("policyId", "on-always-utc"));
        String ticketId = TicketEvents.newId();
        Instant opened = ago(Duration.ofHours(1));
        events.opened(ticketId, organizationId, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "America/New_York",
                TicketType.INCIDENT, Severity.S1, opened);
        assertThat(instant(awaitClock(ticketId, "FIRST_RESPONSE", state("RUNNING")), "dueAt")).isEqualTo(opened.plus(Duration.ofHours(10)));

        java.time.LocalDate today = java.time.LocalDate.ofInstant(opened, java.time.ZoneOffset.UTC);
        calendar.put("holidays", List.of(today.toString(), today.plusDays(1).toString()));
        assertThat(api.put("/api/sla/calendars/always-utc", ADMIN, calendar).status()).isEqualTo(200);

        Instant expected = today.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plus(Duration.ofHours(10));
        assertThat(instant(awaitClock(ticketId, "FIRST_RESPONSE", clock -> !instant(clock, "dueAt").equals(opened.plus(Duration.ofHours(10)))), "dueAt"))
                .isEqualTo(expected);
    }

    @Test
    void aSimulationShowsWhatPastClocksWouldHaveBeenUnderAnotherPolicy() {
        String organizationId = "org-" + TicketEvents.newId();
        String ticketId = TicketEvents.newId();
        Instant opened = ago(Duration.ofHours(3));
        events.opened(ticketId, organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", TicketType.INCIDENT, Severity.S2, opened);
        events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, opened.plus(Duration.ofMinutes(45)));
        awaitClock(ticketId, "FIRST_RESPONSE", state("MET"));
        String analyst = TestTokens.analyst("analyst-1");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        // the day the ticket was opened: three hours ago is yesterday shortly after midnight
        String openedOn = java.time.LocalDate.ofInstant(opened, java.time.ZoneOffset.UTC).toString();

        Api.Answer stricter = api.post("/api/sla/simulations", analyst, Map.of("policy", policy("24x7", "PT30M", "PT1H"),
                "from", openedOn, "to", today, "organizationId", organizationId));
        Api.Answer same = api.post("/api/sla/simulations", analyst, Map.of("policy", "dedicated",
                "from", openedOn, "to", today, "organizationId", organizationId));
        Api.Answer byContact = api.post("/api/sla/simulations", contact("c-1", organizationId),
                Map.of("policy", "dedicated", "from", today, "to", today));
        Api.Answer unknown = api.post("/api/sla/simulations", analyst, Map.of("policy", "nope", "from", today, "to", today));

        assertThat(stricter.status()).isEqualTo(200);
        Map<String, String> outcomes = new LinkedHashMap<>();
        stricter.body().get("items").forEach(item -> outcomes.put(item.get("metric").asText(),
                item.at("/actual/state").asText() + " -> " + item.at("/simulated/state").asText()));
        assertThat(outcomes).containsExactly(Map.entry("FIRST_RESPONSE", "MET -> BREACHED"), Map.entry("RESOLUTION", "RUNNING -> BREACHED"));
        assertThat(Instant.parse(stricter.body().at("/items/0/simulated/dueAt").asText())).isEqualTo(opened.plus(Duration.ofMinutes(30)));
        assertThat(same.body().at("/items/0/simulated/state").asText()).isEqualTo("MET");
        assertThat(same.body().at("/items/1/simulated/state").asText()).isEqualTo("RUNNING");
        assertThat(byContact.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors").findValuesAsText("field")).containsExactly("policy");
    }


    @Test
    void theApiDocumentDeclaresBearerSecurityAndTheProblemResponsesOfEveryOperation() throws Exception {
        var document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);

        assertThat(document.at("/paths/~1api~1sla~1calendars~1{id}/put/responses/409/content").has("application/problem+json")).isTrue();
        assertThat(document.at("/paths/~1api~1sla~1calendars/get/parameters").findValuesAsText("name")).containsExactly("page", "size");
        assertThat(document.at("/paths/~1api~1admin~1sla~1replays/post/responses/409/content").has("application/problem+json")).isTrue();
        assertThat(document.at("/paths/~1api~1admin~1sla~1replays~1{id}/delete/responses/409/content").has("application/problem+json")).isTrue();
        assertThat(document.at("/paths/~1api~1admin~1sla~1replays~1{id}/get/responses/404/content").has("application/problem+json")).isTrue();
        assertThat(document.at("/paths/~1api~1sla~1tickets~1{ticketId}/get/parameters").findValuesAsText("name")).contains("asOf");
        assertThat(document.at("/paths/~1api~1sla~1tickets~1{ticketId}~1timeline/get/responses/404/content").has("application/problem+json")).isTrue();
    }
}
