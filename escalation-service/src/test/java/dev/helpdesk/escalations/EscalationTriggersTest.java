package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.testsupport.ServiceApi.Answer;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each trigger, the ladder climbing by itself, closure, and how records are read: once, in any order, bad ones set aside. */
class EscalationTriggersTest extends RunningService {

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
}
