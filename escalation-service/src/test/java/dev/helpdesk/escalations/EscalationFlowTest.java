package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.escalations.Api.Answer;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The escalation service end to end on a real PostgreSQL and Kafka: ticket and SLA events go in as the other services
 * publish them, escalations come out over HTTP and on the escalations topic.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "helpdesk.escalations.timer-poll-interval=100ms")
@RealInfrastructure(database = "escalations")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationFlowTest {

    private static final String MANAGER = TestTokens.manager("manager-1");
    private static final String AGENT = TestTokens.agent("agent-1");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${helpdesk.topics.tickets}")
    String ticketsTopic;
    @Value("${helpdesk.topics.sla}")
    String slaTopic;
    @Value("${helpdesk.topics.escalations}")
    String escalationsTopic;

    DeskEvents desk;
    PublishedEscalations published;
    Api api;

    @BeforeAll
    void connect() {
        desk = new DeskEvents(bootstrapServers, objectMapper, ticketsTopic, slaTopic);
        published = new PublishedEscalations(bootstrapServers, objectMapper, escalationsTopic);
        api = new Api(objectMapper, port);
    }

    @AfterAll
    void disconnect() {
        desk.close();
        published.close();
    }

    @Test
    void slaBreachRaisesLevelOneForTheDedicatedSupportManager() {
        String org = id();
        String ticket = id();
        awaitProcessed(desk.organizationRegistered(org, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "Europe/Paris", "Dana Scully"));
        desk.ticketOpened(ticket, org, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "Europe/Paris", Severity.S2);

        desk.slaBreached(ticket, org, Severity.S2);

        JsonNode escalation = awaitEscalations(ticket, 1).get(0);
        assertThat(escalation.path("level").asInt()).isEqualTo(1);
        assertThat(escalation.path("trigger").asText()).isEqualTo("SLA_BREACH");
        assertThat(escalation.path("state").asText()).isEqualTo("OPEN");
        assertThat(escalation.path("organizationId").asText()).isEqualTo(org);
        assertThat(escalation.path("levelName").asText()).isEqualTo("Support services manager");
        assertThat(escalation.path("assignee").asText()).isEqualTo("Dana Scully");
        Instant raisedAt = Instant.parse(escalation.path("raisedAt").asText());
        assertThat(Instant.parse(escalation.path("acknowledgeBy").asText())).isEqualTo(raisedAt.plus(Duration.ofHours(1)));

        JsonNode raised = awaitPublished(ticket, "helpdesk.escalation.raised.v1", 1).get(0);
        assertThat(raised.path("source").asText()).isEqualTo("/escalation-service");
        assertThat(raised.path("subject").asText()).isEqualTo(ticket);
        assertThat(raised.path("specversion").asText()).isEqualTo("1.0");
        assertThat(raised.path("data").path("escalationId").asText()).isEqualTo(escalation.path("id").asText());
        assertThat(raised.path("data").path("level").asInt()).isEqualTo(1);
        assertThat(raised.path("data").path("levelName").asText()).isEqualTo("Support services manager (Dana Scully)");
        assertThat(raised.path("data").path("trigger").asText()).isEqualTo("SLA_BREACH");
        assertThat(raised.path("correlationid").asText()).isEqualTo("corr-" + ticket);

        EventEnvelope<Object> secondBreach = desk.slaBreached(ticket, org, Severity.S2);
        awaitProcessed(secondBreach);
        assertThat(escalations("?ticketId=" + ticket)).hasSize(1);
    }

    @Test
    void aLateRegistrationNamesTheSupportManagerOnAnOpenDedicatedEscalation() {
        String org = id();
        String ticket = id();
        desk.ticketOpened(ticket, org, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", Severity.S2);
        desk.escalationRequested(ticket, org, "contact-1");
        assertThat(awaitEscalations(ticket, 1).get(0).path("assignee").isNull()).isTrue();

        desk.organizationRegistered(org, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", "Fox Mulder");

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(escalations("?ticketId=" + ticket).get(0).path("assignee").asText()).isEqualTo("Fox Mulder"));
    }

    @Test
    void s1WarningAtNinetyPercentRaisesLevelOneOnTheBusinessHoursCalendar() {
        String org = id();
        String critical = id();
        String high = id();
        desk.organizationRegistered(org, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "America/New_York", null);
        desk.ticketOpened(critical, org, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "America/New_York", Severity.S1);
        desk.ticketOpened(high, org, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, "America/New_York", Severity.S2);

        awaitProcessed(desk.slaWarningReached(critical, org, Severity.S1, 75));
        awaitProcessed(desk.slaWarningReached(high, org, Severity.S2, 90));
        assertThat(escalations("?ticketId=" + critical)).isEmpty();
        assertThat(escalations("?ticketId=" + high)).isEmpty();

        desk.slaWarningReached(critical, org, Severity.S1, 90);

        JsonNode escalation = awaitEscalations(critical, 1).get(0);
        assertThat(escalation.path("trigger").asText()).isEqualTo("SLA_WARNING");
        assertThat(escalation.path("level").asInt()).isEqualTo(1);
        assertThat(escalation.path("assignee").isNull()).isTrue();
        Instant raisedAt = Instant.parse(escalation.path("raisedAt").asText());
        BusinessCalendar businessHours = BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("America/New_York"));
        assertThat(Instant.parse(escalation.path("acknowledgeBy").asText()))
                .isEqualTo(businessHours.add(raisedAt, Duration.ofHours(1)));
    }

    @Test
    void slaEventsArrivingBeforeTheTicketsOpeningWaitForItsCalendar() {
        String org = id();
        String ticket = id();
        // Kiritimati (UTC+14) business hours never overlap the UTC ones: a deadline on the wrong calendar would differ
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");

        awaitProcessed(desk.slaBreached(ticket, org, Severity.S2));
        assertThat(escalations("?ticketId=" + ticket)).isEmpty();

        desk.ticketOpened(ticket, org, Plan.STANDARD, CalendarKind.BUSINESS_HOURS, kiritimati.getId(), Severity.S2);

        JsonNode escalation = awaitEscalations(ticket, 1).get(0);
        assertThat(escalation.path("trigger").asText()).isEqualTo("SLA_BREACH");
        Instant raisedAt = Instant.parse(escalation.path("raisedAt").asText());
        assertThat(Instant.parse(escalation.path("acknowledgeBy").asText())).isEqualTo(
                BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), kiritimati).add(raisedAt, Duration.ofHours(1)));
    }

    @Test
    void contactRequestRaisesLevelOneThenEachNextLevelUpToTheTop() {
        String org = id();
        String ticket = openTicket(org, Plan.STANDARD, Severity.S3);

        desk.escalationRequested(ticket, org, "contact-1");
        assertThat(awaitEscalations(ticket, 1).get(0).path("trigger").asText()).isEqualTo("CUSTOMER_REQUEST");

        desk.escalationRequested(ticket, org, "contact-1");
        List<JsonNode> two = awaitEscalations(ticket, 2);
        assertThat(levelAndState(two)).containsExactly("2:OPEN", "1:CLOSED");
        assertThat(two.get(1).path("closeReason").asText()).isEqualTo("SUPERSEDED");

        desk.escalationRequested(ticket, org, "contact-1");
        awaitEscalations(ticket, 3);
        awaitProcessed(desk.escalationRequested(ticket, org, "contact-1"));

        assertThat(levelAndState(escalations("?ticketId=" + ticket))).containsExactly("3:OPEN", "2:CLOSED", "1:CLOSED");
        assertThat(awaitPublished(ticket, "helpdesk.escalation.raised.v1", 3))
                .extracting(event -> event.path("data").path("level").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void managerAcknowledgesAnOpenEscalationWithAnActionPlanOnce() {
        String org = id();
        String ticket = openTicket(org, Plan.STANDARD, Severity.S2);
        desk.slaBreached(ticket, org, Severity.S2);
        String id = awaitEscalations(ticket, 1).get(0).path("id").asText();
        String path = "/api/escalations/" + id + "/acknowledgement";

        assertThat(api.post(path, TestTokens.contact("contact-1", org), "{\"actionPlan\":\"Call them\"}").status()).isEqualTo(403);
        assertThat(api.post(path, AGENT, "{\"actionPlan\":\"Call them\"}").status()).isEqualTo(403);
        assertThat(api.post(path, null, "{\"actionPlan\":\"Call them\"}").status()).isEqualTo(401);
        Answer blank = api.post(path, MANAGER, "{\"actionPlan\":\"  \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).contains("application/problem+json");
        assertThat(blank.body().path("errors").get(0).path("field").asText()).isEqualTo("actionPlan");

        Answer read = api.get("/api/escalations/" + id, AGENT);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        String plan = "{\"actionPlan\":\"Senior engineer on it, update within 30 minutes\"}";
        assertThat(api.post(path, MANAGER, plan, "If-Match", "\"7\"").status()).isEqualTo(409);

        Answer acknowledged = api.post(path, MANAGER, plan, "If-Match", "\"0\"", "Idempotency-Key", "ack-" + id);

        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.header("ETag")).isEqualTo("\"1\"");
        Answer retried = api.post(path, MANAGER, plan, "If-Match", "\"0\"", "Idempotency-Key", "ack-" + id);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.body().path("acknowledgedAt")).isEqualTo(acknowledged.body().path("acknowledgedAt"));
        assertThat(acknowledged.body().path("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.body().path("actionPlan").asText()).isEqualTo("Senior engineer on it, update within 30 minutes");
        assertThat(acknowledged.body().path("acknowledgedBy").asText()).isEqualTo("manager-1");
        assertThat(acknowledged.body().path("acknowledgedAt").isNull()).isFalse();
        Answer again = api.post(path, MANAGER, "{\"actionPlan\":\"Again\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).contains("application/problem+json");
        assertThat(api.post("/api/escalations/" + UUID.randomUUID() + "/acknowledgement", MANAGER, "{\"actionPlan\":\"x\"}").status())
                .isEqualTo(404);

        JsonNode event = awaitPublished(ticket, "helpdesk.escalation.acknowledged.v1", 1).get(0);
        assertThat(event.path("data").path("actionPlan").asText()).isEqualTo("Senior engineer on it, update within 30 minutes");
        assertThat(event.path("data").path("acknowledgedBy").asText()).isEqualTo("manager-1");
        String metrics = api.text("/actuator/prometheus");
        assertThat(metrics).containsPattern("helpdesk_escalations_raised_total\\{[^}]*level=\"1\"[^}]*trigger=\"SLA_BREACH\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("helpdesk_escalations_raised_total\\{[^}]*level=\"3\"[^}]*trigger=\"SLA_WARNING\"[^}]*} 0");
        assertThat(metrics).containsPattern("helpdesk_escalations_time_to_acknowledge_seconds_count\\{[^}]*level=\"1\"[^}]*} [1-9]");
    }

    @Test
    void resolvingTheTicketClosesItsEscalationsAndReopeningAllowsTheNextLevel() {
        String org = id();
        String ticket = openTicket(org, Plan.STANDARD, Severity.S2);
        desk.escalationRequested(ticket, org, "contact-1");
        desk.escalationRequested(ticket, org, "contact-1");
        String levelTwo = awaitEscalations(ticket, 2).get(0).path("id").asText();

        desk.statusChanged(ticket, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED);

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(levelAndState(escalations("?ticketId=" + ticket))).containsExactly("2:CLOSED", "1:CLOSED"));
        assertThat(escalations("?ticketId=" + ticket).get(0).path("closeReason").asText()).isEqualTo("TICKET_RESOLVED");
        assertThat(awaitPublished(ticket, "helpdesk.escalation.closed.v1", 2))
                .extracting(event -> event.path("data").path("reason").asText()).containsExactly("SUPERSEDED", "TICKET_RESOLVED");
        assertThat(api.post("/api/escalations/" + levelTwo + "/acknowledgement", MANAGER, "{\"actionPlan\":\"Too late\"}").status())
                .isEqualTo(409);
        awaitProcessed(desk.escalationRequested(ticket, org, "contact-1"));
        assertThat(escalations("?ticketId=" + ticket)).hasSize(2);

        desk.reopened(ticket);
        desk.escalationRequested(ticket, org, "contact-1");

        List<JsonNode> afterReopen = awaitEscalations(ticket, 3);
        assertThat(levelAndState(afterReopen)).containsExactly("3:OPEN", "2:CLOSED", "1:CLOSED");
    }

    @Test
    void unacknowledgedLevelsAdvanceByThemselvesAndTheTopLevelStays() {
        Answer edited = api.put("/api/escalations/ladders/EXTENDED", MANAGER, """
                {"levels": [
                  {"level": 1, "name": "Support services manager", "acknowledgeWithin": "PT2S"},
                  {"level": 2, "name": "Head of support", "acknowledgeWithin": "PT2S"},
                  {"level": 3, "name": "Executive sponsor", "acknowledgeWithin": "PT2S"}]}""");
        assertThat(edited.status()).isEqualTo(200);
        String org = id();
        desk.organizationRegistered(org, Plan.EXTENDED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", null);
        String ticket = id();
        desk.ticketOpened(ticket, org, Plan.EXTENDED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", Severity.S2);

        desk.slaBreached(ticket, org, Severity.S2);

        List<JsonNode> all = awaitEscalations(ticket, 3);
        assertThat(all).extracting(e -> e.path("trigger").asText())
                .containsExactly("ACKNOWLEDGEMENT_TIMEOUT", "ACKNOWLEDGEMENT_TIMEOUT", "SLA_BREACH");
        String top = all.get(0).path("id").asText();
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM acknowledgement_timer WHERE fired_at IS NOT NULL AND escalation_id = ?::uuid", Integer.class, top) == 1);
        assertThat(levelAndState(escalations("?ticketId=" + ticket))).containsExactly("3:OPEN", "2:CLOSED", "1:CLOSED");
        assertThat(awaitPublished(ticket, "helpdesk.escalation.raised.v1", 3))
                .extracting(event -> event.path("data").path("trigger").asText())
                .containsExactly("SLA_BREACH", "ACKNOWLEDGEMENT_TIMEOUT", "ACKNOWLEDGEMENT_TIMEOUT");
    }

    @Test
    void repeatedRecordsAreAppliedOnce() {
        String org = id();
        String ticket = openTicket(org, Plan.STANDARD, Severity.S3);
        EventEnvelope<Object> request = desk.escalationRequested(ticket, org, "contact-1");

        desk.resend(request);
        desk.resend(request);
        awaitProcessed(desk.severityChanged(ticket, Severity.S3, Severity.S2));

        assertThat(levelAndState(escalations("?ticketId=" + ticket))).containsExactly("1:OPEN");
    }

    @Test
    void malformedRecordsAreSetAsideWithoutBlockingTheirPartition() {
        String org = id();
        String ticket = openTicket(org, Plan.STANDARD, Severity.S3);
        desk.sendRawTicketRecord(ticket, "this is not JSON {");
        desk.sendRawTicketRecord(ticket, """
                {"specversion":"1.0","id":"%s","type":"helpdesk.ticket.escalation-requested.v1","subject":"%s",
                 "data":{"organizationId":"%s","reason":"no ticket id"}}""".formatted(UUID.randomUUID(), ticket, org));
        desk.sendRawTicketRecord(ticket, """
                {"specversion":"1.0","id":"%s","type":"helpdesk.ticket.opened.v1","subject":"%s",
                 "data":{"ticketId":"%s","organizationId":"%s","severity":"S9"}}""".formatted(UUID.randomUUID(), ticket, ticket, org));

        desk.escalationRequested(ticket, org, "contact-1");

        assertThat(awaitEscalations(ticket, 1).get(0).path("level").asInt()).isEqualTo(1);
        List<String> reasons = jdbc.queryForList(
                "SELECT reason FROM dead_letter WHERE record_key = ? ORDER BY record_offset", String.class, ticket);
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(1)).contains("data.ticketId");
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT record_offset) FROM dead_letter WHERE record_key = ?", Integer.class, ticket))
                .isEqualTo(3);
    }

    @Test
    void contactsSeeOnlyTheirOwnOrganisationsEscalations() {
        String mine = id();
        String theirs = id();
        String myTicket = openTicket(mine, Plan.STANDARD, Severity.S2);
        String theirTicket = openTicket(theirs, Plan.STANDARD, Severity.S2);
        desk.escalationRequested(myTicket, mine, "contact-1");
        desk.escalationRequested(theirTicket, theirs, "contact-2");
        String myEscalation = awaitEscalations(myTicket, 1).get(0).path("id").asText();
        String theirEscalation = awaitEscalations(theirTicket, 1).get(0).path("id").asText();
        String contact = TestTokens.contact("contact-1", mine);

        Answer list = api.get("/api/escalations?size=200", contact);
        assertThat(list.status()).isEqualTo(200);
        assertThat(StreamSupport.stream(list.body().path("items").spliterator(), false))
                .isNotEmpty()
                .allSatisfy(item -> assertThat(item.path("organizationId").asText()).isEqualTo(mine));
        assertThat(api.get("/api/escalations?organizationId=" + theirs, contact).body().path("items")).isEmpty();
        assertThat(api.get("/api/escalations?ticketId=" + theirTicket, contact).body().path("totalItems").asLong()).isZero();
        assertThat(api.get("/api/escalations/" + theirEscalation, contact).status()).isEqualTo(404);
        assertThat(api.get("/api/escalations/" + myEscalation, contact).status()).isEqualTo(200);
        assertThat(api.get("/api/escalations/" + theirEscalation, AGENT).status()).isEqualTo(200);
        assertThat(api.get("/api/escalations", null).status()).isEqualTo(401);
    }

    @Test
    void listsArePagedAndValidated() {
        String org = id();
        for (int i = 0; i < 3; i++) {
            String ticket = openTicket(org, Plan.STANDARD, Severity.S4);
            desk.escalationRequested(ticket, org, "contact-1");
            awaitEscalations(ticket, 1);
        }

        Answer page = api.get("/api/escalations?organizationId=" + org + "&state=OPEN&page=1&size=2", AGENT);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("items")).hasSize(1);
        assertThat(page.body().path("page").asInt()).isEqualTo(1);
        assertThat(page.body().path("size").asInt()).isEqualTo(2);
        assertThat(page.body().path("totalItems").asLong()).isEqualTo(3);
        assertThat(api.get("/api/escalations?size=201", AGENT).status()).isEqualTo(400);
        assertThat(api.get("/api/escalations?state=SOMETIMES", AGENT).status()).isEqualTo(400);
        assertThat(api.get("/api/escalations?page=-1", AGENT).body().path("errors").get(0).path("field").asText()).isEqualTo("page");
    }

    @Test
    void laddersAreReadByEveryoneAndEditedByManagersOnly() {
        Answer dedicated = api.get("/api/escalations/ladders/DEDICATED", TestTokens.contact("c", "o"));
        assertThat(dedicated.status()).isEqualTo(200);
        assertThat(dedicated.body().path("plan").asText()).isEqualTo("DEDICATED");
        JsonNode levels = dedicated.body().path("levels");
        assertThat(levels).hasSize(3);
        assertThat(levels.get(0).path("name").asText()).isEqualTo("Support services manager");
        assertThat(levels.get(0).path("acknowledgeWithin").asText()).isEqualTo("PT1H");
        assertThat(levels.get(0).path("namedSupportManager").asBoolean()).isTrue();
        assertThat(levels.get(1).path("name").asText()).isEqualTo("Head of support");
        assertThat(levels.get(1).path("acknowledgeWithin").asText()).isEqualTo("PT2H");
        assertThat(levels.get(1).path("informsRelationshipManager").asBoolean()).isTrue();
        assertThat(levels.get(2).path("name").asText()).isEqualTo("Executive sponsor");

        String valid = """
                {"plan": "EXTENDED", "levels": [
                  {"level": 1, "name": "Duty manager", "acknowledgeWithin": "PT30M"},
                  {"level": 2, "name": "Head of support", "acknowledgeWithin": "PT2H"},
                  {"level": 3, "name": "Executive sponsor", "acknowledgeWithin": "PT4H"}]}""";
        assertThat(api.put("/api/escalations/ladders/EXTENDED", AGENT, valid).status()).isEqualTo(403);
        assertThat(api.put("/api/escalations/ladders/EXTENDED", TestTokens.contact("c", "o"), valid).status()).isEqualTo(403);
        Answer invalid = api.put("/api/escalations/ladders/EXTENDED", MANAGER, """
                {"levels": [
                  {"level": 1, "name": "", "acknowledgeWithin": "one hour"},
                  {"level": 2, "name": "Head of support", "acknowledgeWithin": "-PT1H"}]}""");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("errors").findValuesAsText("field")).contains("levels", "levels[0].acknowledgeWithin");
        assertThat(api.get("/api/escalations/ladders/GOLD", MANAGER).status()).isEqualTo(404);
        assertThat(api.get("/v3/api-docs", null).body().path("paths").has("/api/escalations/{id}/acknowledgement")).isTrue();
        Answer standard = api.get("/api/escalations/ladders/EXTENDED", MANAGER);
        String etag = standard.header("ETag");
        assertThat(api.put("/api/escalations/ladders/EXTENDED", MANAGER, valid, "If-Match", "\"999\"").status()).isEqualTo(409);
        Answer edited = api.put("/api/escalations/ladders/EXTENDED", MANAGER, valid, "If-Match", etag);
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.header("ETag")).isNotEqualTo(etag);
        assertThat(edited.body().path("levels").get(0).path("name").asText()).isEqualTo("Duty manager");
        assertThat(edited.body().path("levels").get(0).path("acknowledgeWithin").asText()).isEqualTo("PT30M");
        assertThat(api.put("/api/escalations/ladders/EXTENDED", MANAGER, valid, "If-Match", etag).status()).isEqualTo(409);
    }

    private String openTicket(String org, Plan plan, Severity severity) {
        String ticket = id();
        desk.ticketOpened(ticket, org, plan, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", severity);
        return ticket;
    }

    private List<JsonNode> escalations(String query) {
        Answer answer = api.get("/api/escalations" + query + (query.isEmpty() ? "?" : "&") + "size=200", AGENT);
        assertThat(answer.status()).isEqualTo(200);
        return StreamSupport.stream(answer.body().path("items").spliterator(), false).toList();
    }

    /** Waits until the ticket has {@code count} escalations; returns them, highest level first. */
    private List<JsonNode> awaitEscalations(String ticket, int count) {
        return await().atMost(PATIENCE).until(() -> escalations("?ticketId=" + ticket), list -> list.size() == count);
    }

    private List<JsonNode> awaitPublished(String ticket, String type, int count) {
        return await().atMost(PATIENCE).until(() -> published.ofTicket(ticket, type), list -> list.size() >= count);
    }

    private void awaitProcessed(EventEnvelope<Object> event) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, event.id()) == 1);
    }

    private static List<String> levelAndState(List<JsonNode> escalations) {
        return escalations.stream().map(e -> e.path("level").asInt() + ":" + e.path("state").asText()).toList();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
