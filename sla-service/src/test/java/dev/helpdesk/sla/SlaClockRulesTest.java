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
import dev.helpdesk.events.ticket.TicketOpenedEvent;
import dev.helpdesk.sla.support.Api;
import dev.helpdesk.sla.support.SlaTopic;
import dev.helpdesk.sla.support.TicketEvents;
import dev.helpdesk.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The clock rules of DOMAIN.md, driven by ticket events on Kafka and read back through the API. */
class SlaClockRulesTest extends SlaServiceTestBase {

    @Test
    void defaultPoliciesAndCalendarsArePresent() {
        Api.Answer policies = api.get("/api/sla/policies", AGENT);
        Api.Answer standard = api.get("/api/sla/policies/standard", AGENT);
        Api.Answer calendars = api.get("/api/sla/calendars", AGENT);
        Api.Answer businessHours = api.get("/api/sla/calendars/business-hours", AGENT);

        assertThat(policies.body().get("items").findValuesAsText("id")).contains("dedicated", "extended", "standard");
        assertThat(standard.body().get("calendarId").asText()).isEqualTo("business-hours");
        assertThat(standard.body().at("/targets/S1/firstResponse").asText()).isEqualTo("PT1H");
        assertThat(standard.body().at("/targets/S3/resolution").asText()).isEqualTo("PT24H");
        assertThat(standard.body().at("/targets/S4/resolution").isNull()).isTrue();
        assertThat(standard.body().get("warningThresholds").toString()).isEqualTo("[75,90]");
        assertThat(calendars.body().get("items").findValuesAsText("id")).contains("24x7", "business-hours");
        assertThat(businessHours.body().at("/weeklyHours/MONDAY/0/from").asText()).isEqualTo("09:00");
        assertThat(businessHours.body().at("/weeklyHours/MONDAY/0/to").asText()).isEqualTo("17:00");
        assertThat(businessHours.body().get("weeklyHours").has("SATURDAY")).isFalse();
    }

    @Test
    void anOpenedTicketGetsBothClocksWithThePlansTargets() {
        Instant opened = ago(Duration.ofHours(1));
        String ticketId = openDedicated(TicketType.INCIDENT, Severity.S2, opened);

        JsonNode firstResponse = awaitClock(ticketId, "FIRST_RESPONSE", state("RUNNING"));
        JsonNode resolution = awaitClock(ticketId, "RESOLUTION", state("RUNNING"));

        assertThat(firstResponse.get("target").asText()).isEqualTo("PT4H");
        assertThat(instant(firstResponse, "startedAt")).isEqualTo(opened);
        assertThat(instant(firstResponse, "dueAt")).isEqualTo(opened.plus(Duration.ofHours(4)));
        assertThat(firstResponse.get("elapsedPercent").asDouble()).isBetween(24.9, 26.0);
        assertThat(firstResponse.get("pausedFor").asText()).isEqualTo("PT0S");
        assertThat(resolution.get("target").asText()).isEqualTo("PT16H");
        assertThat(instant(resolution, "dueAt")).isEqualTo(opened.plus(Duration.ofHours(16)));
        assertThat(api.get("/api/sla/tickets/" + ticketId, AGENT).body().get("policyId").asText()).isEqualTo("dedicated");
        assertThat(outboxCount(ticketId, "helpdesk.sla.clock-started.v1")).isEqualTo(2);
    }

    @Test
    void aBusinessHoursClockOpenedAtTheWeekendStartsAtMondaysOpening() {
        String ticketId = TicketEvents.newId();
        events.opened(ticketId, "org-standard", Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "Europe/London",
                TicketType.QUERY, Severity.S1, Instant.parse("2026-11-21T12:00:00Z"));

        // a fixed past weekend keeps the expected instants exact; by now its timers may have fired (BREACHED)
        JsonNode firstResponse = awaitClock(ticketId, "FIRST_RESPONSE", started());
        JsonNode resolution = awaitClock(ticketId, "RESOLUTION", started());

        assertThat(instant(firstResponse, "startedAt")).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(instant(firstResponse, "dueAt")).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(instant(resolution, "dueAt")).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
    }

    @Test
    void resolutionDoesNotApplyToBugsNorToLowSeverities() {
        String bug = openDedicated(TicketType.BUG, Severity.S1, ago(Duration.ofMinutes(5)));
        String lowQuery = openDedicated(TicketType.QUERY, Severity.S4, ago(Duration.ofMinutes(5)));

        assertThat(awaitClock(bug, "RESOLUTION", state("NOT_APPLICABLE")).get("dueAt").isNull()).isTrue();
        assertThat(awaitClock(bug, "FIRST_RESPONSE", state("RUNNING")).get("target").asText()).isEqualTo("PT1H");
        awaitClock(lowQuery, "RESOLUTION", state("NOT_APPLICABLE"));
        assertThat(awaitClock(lowQuery, "FIRST_RESPONSE", state("RUNNING")).get("target").asText()).isEqualTo("PT24H");
    }

    @Test
    void onlyAPublicStaffCommentMeetsTheFirstResponse() {
        Instant opened = ago(Duration.ofHours(1));
        String ticketId = openDedicated(TicketType.INCIDENT, Severity.S2, opened);
        events.comment(ticketId, ActorKind.CONTACT, Visibility.PUBLIC, opened.plusSeconds(300));
        events.comment(ticketId, ActorKind.STAFF, Visibility.INTERNAL, opened.plusSeconds(600));
        events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, opened.plusSeconds(1200));

        JsonNode firstResponse = awaitClock(ticketId, "FIRST_RESPONSE", state("MET"));

        assertThat(instant(firstResponse, "metAt")).isEqualTo(opened.plusSeconds(1200));
        assertThat(firstResponse.get("elapsedPercent").asDouble()).isEqualTo(8.3);
        assertThat(awaitClock(ticketId, "RESOLUTION", state("RUNNING"))).isNotNull();
        assertThat(outboxCount(ticketId, "helpdesk.sla.met.v1")).isEqualTo(1);
    }

    @Test
    void waitingOnTheCustomerPausesTheResolutionClockUntilTheTicketMovesOn() {
        Instant opened = ago(Duration.ofHours(3));
        String ticketId = openDedicated(TicketType.INCIDENT, Severity.S2, opened);
        events.status(ticketId, TicketStatus.NEW, TicketStatus.WAITING_ON_CUSTOMER, opened.plus(Duration.ofMinutes(30)));

        JsonNode paused = awaitClock(ticketId, "RESOLUTION", state("PAUSED"));
        assertThat(awaitClock(ticketId, "FIRST_RESPONSE", state("RUNNING"))).isNotNull();
        events.status(ticketId, TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.IN_PROGRESS, opened.plus(Duration.ofMinutes(90)));
        JsonNode resumed = awaitClock(ticketId, "RESOLUTION", state("RUNNING"));

        assertThat(Duration.parse(paused.get("pausedFor").asText())).isGreaterThan(Duration.ofHours(2));
        assertThat(resumed.get("pausedFor").asText()).isEqualTo("PT1H");
        assertThat(instant(resumed, "dueAt")).isEqualTo(opened.plus(Duration.ofHours(17)));
        assertThat(outboxCount(ticketId, "helpdesk.sla.clock-paused.v1")).isEqualTo(1);
        assertThat(outboxCount(ticketId, "helpdesk.sla.clock-resumed.v1")).isEqualTo(1);
    }

    @Test
    void resolvingMeetsTheClockAndReopeningResumesItWithTheTimeAlreadyUsed() {
        Instant opened = ago(Duration.ofHours(3));
        String ticketId = openDedicated(TicketType.INCIDENT, Severity.S2, opened);
        events.status(ticketId, TicketStatus.NEW, TicketStatus.RESOLVED, opened.plus(Duration.ofHours(1)));

        JsonNode met = awaitClock(ticketId, "RESOLUTION", state("MET"));
        assertThat(instant(met, "metAt")).isEqualTo(opened.plus(Duration.ofHours(1)));
        events.reopened(ticketId, opened.plus(Duration.ofHours(2)));
        JsonNode reopened = awaitClock(ticketId, "RESOLUTION", state("RUNNING"));

        assertThat(reopened.get("metAt").isNull()).isTrue();
        assertThat(reopened.get("pausedFor").asText()).isEqualTo("PT1H");
        assertThat(instant(reopened, "dueAt")).isEqualTo(opened.plus(Duration.ofHours(17)));
        assertThat(reopened.get("elapsedPercent").asDouble()).isBetween(12.4, 13.0);
    }

    @Test
    void aSeverityChangeRetargetsAndBreachesAtOnceWhenTheNewDueTimeHasPassed() {
        Instant opened = ago(Duration.ofHours(2));
        String ticketId = openDedicated(TicketType.INCIDENT, Severity.S3, opened);
        events.severity(ticketId, Severity.S3, Severity.S2, opened.plus(Duration.ofHours(1)));

        JsonNode retargeted = awaitClock(ticketId, "FIRST_RESPONSE", clock -> clock.get("target").asText().equals("PT4H"));
        assertThat(instant(retargeted, "dueAt")).isEqualTo(opened.plus(Duration.ofHours(4)));
        assertThat(instant(awaitClock(ticketId, "RESOLUTION", state("RUNNING")), "dueAt")).isEqualTo(opened.plus(Duration.ofHours(16)));

        Instant upgradedAt = opened.plus(Duration.ofMinutes(90));
        events.severity(ticketId, Severity.S2, Severity.S1, upgradedAt);
        JsonNode breached = awaitClock(ticketId, "FIRST_RESPONSE", state("BREACHED"));

        assertThat(instant(breached, "breachedAt")).isEqualTo(upgradedAt);
        assertThat(instant(breached, "dueAt")).isEqualTo(opened.plus(Duration.ofHours(1)));
        assertThat(instant(awaitClock(ticketId, "RESOLUTION", clock -> clock.get("target").asText().equals("PT8H")), "dueAt"))
                .isEqualTo(opened.plus(Duration.ofHours(8)));

        events.severity(ticketId, Severity.S1, Severity.S4, opened.plus(Duration.ofMinutes(100)));
        awaitClock(ticketId, "RESOLUTION", state("NOT_APPLICABLE"));
        assertThat(awaitClock(ticketId, "FIRST_RESPONSE", state("BREACHED")).get("severity").asText()).isEqualTo("S4");
        assertThat(outboxCount(ticketId, "helpdesk.sla.breached.v1")).isEqualTo(1);
    }

    @Test
    void aTicketKeepsThePolicyVersionItWasOpenedUnder() {
        String organizationId = "org-" + TicketEvents.newId();
        Map<String, Object> policy = policy("business-hours", "PT2H", "PT9H");
        assertThat(api.put("/api/sla/policies/kept", ADMIN, policy).status()).isEqualTo(201);
        assertThat(api.put("/api/sla/organizations/" + organizationId + "/policy", ADMIN, Map.of("policyId", "kept")).status())
                .isEqualTo(200);
        String ticketId = TicketEvents.newId();
        Instant opened = ago(Duration.ofMinutes(10));
        events.opened(ticketId, organizationId, Plan.STANDARD, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", TicketType.INCIDENT,
                Severity.S3, opened);
        awaitClock(ticketId, "FIRST_RESPONSE", state("RUNNING"));

        Api.Answer edited = api.put("/api/sla/policies/kept", ADMIN, policy("business-hours", "PT7H", "PT30H"));
        events.severity(ticketId, Severity.S3, Severity.S2, opened.plusSeconds(60));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().get("version").asLong()).isEqualTo(2);
        JsonNode retargeted = awaitClock(ticketId, "FIRST_RESPONSE", clock -> clock.get("severity").asText().equals("S2"));
        assertThat(retargeted.get("target").asText()).isEqualTo("PT2H");
        JsonNode ticket = api.get("/api/sla/tickets/" + ticketId, AGENT).body();
        assertThat(ticket.get("policyId").asText()).isEqualTo("kept");
        assertThat(ticket.get("policyVersion").asLong()).isEqualTo(1);
        assertThat(ticket.get("calendarId").asText()).isEqualTo("business-hours");
    }

    @Test
    void aSecondsTargetBreachesOnTimeAndEveryThresholdIsPublishedOnce() {
        String organizationId = "org-" + TicketEvents.newId();
        assertThat(api.put("/api/sla/policies/demo-seconds", ADMIN, policy("24x7", "PT2S", "PT4S")).status()).isEqualTo(201);
        api.put("/api/sla/organizations/" + organizationId + "/policy", ADMIN, Map.of("policyId", "demo-seconds"));
        String ticketId = TicketEvents.newId();
        events.opened(ticketId, organizationId, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "UTC", TicketType.INCIDENT,
                Severity.S2, Instant.now());

        JsonNode firstResponse = awaitClock(ticketId, "FIRST_RESPONSE", state("BREACHED"));
        JsonNode resolution = awaitClock(ticketId, "RESOLUTION", state("BREACHED"));

        assertThat(instant(firstResponse, "dueAt")).isEqualTo(instant(firstResponse, "startedAt").plusSeconds(2));
        assertThat(instant(firstResponse, "breachedAt")).isEqualTo(instant(firstResponse, "dueAt"));
        assertThat(instant(resolution, "breachedAt")).isEqualTo(instant(resolution, "startedAt").plusSeconds(4));
        Double lagSeconds = jdbc.queryForObject("SELECT max(extract(epoch FROM o.created_at - c.due_at)) FROM outbox o "
                + "JOIN clock c ON c.ticket_id = o.record_key AND c.metric = o.payload::jsonb #>> '{data,metric}' "
                + "WHERE o.record_key = ? AND o.event_type = 'helpdesk.sla.breached.v1'", Double.class, ticketId);
        assertThat(lagSeconds).as("breach fired within a second of its due time").isLessThan(1.0);

        try (SlaTopic topic = new SlaTopic(bootstrapServers, slaTopic)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(topic.of(ticketId, "helpdesk.sla.breached.v1")).hasSize(2);
                assertThat(topic.of(ticketId, "helpdesk.sla.warning-reached.v1")).hasSize(4);
                assertThat(topic.of(ticketId, "helpdesk.sla.clock-started.v1")).hasSize(2);
            });
            JsonNode breach = topic.of(ticketId, "helpdesk.sla.breached.v1").get(0);
            assertThat(breach.get("specversion").asText()).isEqualTo("1.0");
            assertThat(breach.get("source").asText()).isEqualTo("/sla-service");
            assertThat(breach.get("subject").asText()).isEqualTo(ticketId);
            assertThat(breach.at("/data/organizationId").asText()).isEqualTo(organizationId);
            assertThat(breach.at("/data/severity").asText()).isEqualTo("S2");
            assertThat(breach.at("/data/dueAt").asText()).isNotBlank();
            assertThat(breach.at("/data/breachedAt").asText()).isNotBlank();
            assertThat(topic.of(ticketId, "helpdesk.sla.warning-reached.v1").stream()
                    .map(warning -> warning.at("/data/thresholdPercent").asInt()).toList()).containsExactlyInAnyOrder(75, 90, 75, 90);
            assertThat(topic.poll().stream().filter(r -> ticketId.equals(r.key())).map(SlaTopic.Received::contentType))
                    .containsOnly("application/cloudevents+json");
            JsonNode started = topic.of(ticketId, "helpdesk.sla.clock-started.v1").get(0);
            assertThat(started.get("correlationid").asText()).startsWith("corr-");
            assertThat(started.at("/data/policyId").asText()).isEqualTo("demo-seconds");
        }
        assertThat(api.get("/actuator/prometheus", null).status()).as("metrics on the API's port").isEqualTo(404);
        assertThat(api.get("/actuator/prometheus", ADMIN).status()).as("metrics on the API's port").isEqualTo(404);
        String metrics = new Api(managementPort).get("/actuator/prometheus", null).text();
        assertThat(metrics).containsPattern("helpdesk_sla_breaches_total\\{[^}]*metric=\"FIRST_RESPONSE\"[^}]*severity=\"S2\"");
        assertThat(metrics).containsPattern("helpdesk_sla_warnings_total\\{[^}]*threshold=\"90\"");
        assertThat(metrics).contains("helpdesk_sla_timer_lag_seconds_count").contains("helpdesk_sla_clocks_running")
                .contains("helpdesk_outbox_publish_lag_seconds_count");
    }

    @Test
    void ticketsFallingDueTogetherFireInOneBatchEachThresholdOnceWithConsecutiveSequences() {
        String organizationId = "org-" + TicketEvents.newId();
        assertThat(api.put("/api/sla/policies/batch-seconds", ADMIN, policy("24x7", "PT2S", "PT3S")).status()).isEqualTo(201);
        api.put("/api/sla/organizations/" + organizationId + "/policy", ADMIN, Map.of("policyId", "batch-seconds"));
        Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> ticketIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String ticketId = TicketEvents.newId();
            ticketIds.add(ticketId);
            events.opened(ticketId, organizationId, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "UTC", TicketType.INCIDENT,
                    Severity.S2, opened);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE event_type = 'helpdesk.sla.breached.v1' AND record_key = ANY (?)",
                Long.class, (Object) ticketIds.toArray(new String[0]))).isEqualTo(24));

        for (String ticketId : ticketIds) {
            List<Map<String, Object>> stream = jdbc.queryForList("SELECT event_type AS type, (payload::jsonb ->> 'sequence')::int AS sequence, "
                    + "payload::jsonb #>> '{data,metric}' AS metric, payload::jsonb #>> '{data,thresholdPercent}' AS percent "
                    + "FROM outbox WHERE record_key = ? ORDER BY id", ticketId);
            assertThat(stream).extracting(row -> row.get("sequence")).as("stream of %s", ticketId)
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            for (String metric : List.of("FIRST_RESPONSE", "RESOLUTION")) {
                assertThat(stream.stream().filter(row -> metric.equals(row.get("metric")))
                        .map(row -> row.get("type") + (row.get("percent") == null ? "" : " " + row.get("percent"))).toList())
                        .containsExactly("helpdesk.sla.clock-started.v1", "helpdesk.sla.warning-reached.v1 75",
                                "helpdesk.sla.warning-reached.v1 90", "helpdesk.sla.breached.v1");
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM clock WHERE ticket_id = ANY (?) AND state = 'BREACHED' "
                + "AND next_timer_at IS NULL AND breached_at = due_at", Long.class, (Object) ticketIds.toArray(new String[0])))
                .isEqualTo(24);
    }

    @Test
    void aRepeatedEventIsAppliedOnce() {
        String ticketId = TicketEvents.newId();
        Instant opened = ago(Duration.ofMinutes(5));
        TicketOpenedEvent event = new TicketOpenedEvent(ticketId, "HD-9", "org-dedicated", Plan.DEDICATED,
                CalendarKind.TWENTY_FOUR_SEVEN, "UTC", TicketType.INCIDENT, Severity.S2, "t", "d", null, null, null,
                null, "contact-1", ActorKind.CONTACT, opened);
        String eventId = TicketEvents.newId();
        events.publishWithId(eventId, ticketId, event);
        events.publishWithId(eventId, ticketId, event);
        String commentId = events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, opened.plusSeconds(60));
        String againId = TicketEvents.newId();
        events.publishWithId(againId, ticketId, new dev.helpdesk.events.ticket.CommentAddedEvent(ticketId, "c", "a",
                ActorKind.STAFF, Visibility.PUBLIC, "x", opened.plusSeconds(90)));

        awaitClock(ticketId, "FIRST_RESPONSE", state("MET"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, againId) == 1);

        assertThat(commentId).isNotEqualTo(eventId);
        assertThat(outboxCount(ticketId, "helpdesk.sla.clock-started.v1")).isEqualTo(2);
        assertThat(outboxCount(ticketId, "helpdesk.sla.met.v1")).isEqualTo(1);
    }

    @Test
    void aMalformedRecordIsSetAsideAndTheNextGoodRecordIsApplied() {
        String ticketId = TicketEvents.newId();
        long deadBefore = jdbc.queryForObject("SELECT count(*) FROM dead_letter", Long.class);
        events.sendRaw(ticketId, "{this is not json");
        events.sendRaw(ticketId, "{\"specversion\":\"1.0\",\"id\":\"" + TicketEvents.newId()
                + "\",\"type\":\"helpdesk.ticket.opened.v1\",\"data\":{\"ticketId\":\"" + ticketId + "\",\"severity\":\"S9\"}}");
        events.sendRaw(ticketId, "{\"specversion\":\"1.0\",\"id\":\"" + TicketEvents.newId()
                + "\",\"type\":\"helpdesk.ticket.something-new.v7\",\"data\":{}}");
        events.opened(ticketId, "org-dedicated", Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "Mars/Olympus",
                TicketType.INCIDENT, Severity.S1, ago(Duration.ofMinutes(1)));
        events.opened(ticketId, "org-dedicated", Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC",
                TicketType.INCIDENT, Severity.S1, ago(Duration.ofMinutes(1)));

        awaitClock(ticketId, "FIRST_RESPONSE", state("RUNNING"));

        List<Map<String, Object>> dead = jdbc.queryForList(
                "SELECT record_offset, reason FROM dead_letter WHERE record_key = ? ORDER BY id", ticketId);
        assertThat(dead).hasSize(3);
        assertThat(dead.get(0).get("reason").toString()).isEqualTo("value is not JSON");
        assertThat(dead.get(1).get("reason").toString()).isEqualTo("helpdesk.ticket.opened.v1 lacks data.organizationId");
        assertThat(dead.get(2).get("reason").toString()).contains("unknown time zone");
        assertThat((Long) dead.get(1).get("record_offset")).isGreaterThan((Long) dead.get(0).get("record_offset"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter", Long.class)).isEqualTo(deadBefore + 3);
    }

    @Test
    void ticketClocksAreVisibleToTheirOwnOrganisationOnly() {
        String ticketId = openDedicated(TicketType.INCIDENT, Severity.S2, ago(Duration.ofMinutes(1)));
        awaitClock(ticketId, "FIRST_RESPONSE", state("RUNNING"));

        Api.Answer own = api.get("/api/sla/tickets/" + ticketId, contact("c-1", "org-dedicated"));
        Api.Answer other = api.get("/api/sla/tickets/" + ticketId, contact("c-2", "org-other"));
        Api.Answer unknown = api.get("/api/sla/tickets/" + TicketEvents.newId(), AGENT);
        Api.Answer anonymous = api.get("/api/sla/tickets/" + ticketId, null);

        assertThat(own.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("title").asText()).isEqualTo("Not found");
        assertThat(unknown.body().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/not-found");
        assertThat(other.body().get("type")).isEqualTo(unknown.body().get("type"));
        assertThat(other.body().get("title")).isEqualTo(unknown.body().get("title"));
        assertThat(anonymous.status()).isEqualTo(401);
        Api.Answer homeless = api.get("/api/sla/tickets/" + ticketId, TestTokens.contact("c-3", null));
        assertThat(homeless.status()).as("a contact without organisation is refused").isEqualTo(403);
        assertThat(homeless.body().get("type").asText()).isEqualTo("https://helpdesk.dev/problems/forbidden");
    }

}
