package dev.helpdesk.escalations;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.helpdesk.escalations.DeskEvents.breach;
import static dev.helpdesk.escalations.DeskEvents.opening;
import static dev.helpdesk.escalations.DeskEvents.organization;
import static dev.helpdesk.escalations.DeskEvents.rawEnvelope;
import static dev.helpdesk.escalations.DeskEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll holding poison records between good ones, through the real topics: the good ones are applied, each poison
 * one is set aside in {@code dead_letter} with its reason, an unknown type is skipped, and the partition goes on.
 */
class PoisonRecordsTest extends RunningService {

    private long earlierDeadLetters;

    @Test
    void poisonRecordsOnTheTicketsTopicAreSetAsideAndTheRecordsAroundThemApplied() {
        String org = id();
        String ticket = id();
        String lacking = id();
        String nul = id();
        String badZone = id();
        String unknown = id();
        desk.sendTicketRecords(ticket, List.of(
                desk.ticketEventJson(ticket, opening(ticket, org, Plan.STANDARD, "UTC", Severity.S2)),
                "this is not JSON {",
                rawEnvelope(lacking, "helpdesk.ticket.escalation-requested.v1", ticket,
                        "{\"organizationId\":\"%s\",\"reason\":\"no ticket id\"}".formatted(org)),
                rawEnvelope(nul, "helpdesk.organization.registered.v1", org,
                        json(organization(org, Plan.DEDICATED, "UTC", "Dana\u0000Scully"))),
                rawEnvelope(badZone, "helpdesk.ticket.opened.v1", ticket,
                        "{\"ticketId\":\"%s\",\"organizationId\":\"%s\",\"severity\":\"S2\",\"timeZone\":\"Mars/Olympus\"}"
                                .formatted(id(), org)),
                rawEnvelope(unknown, "helpdesk.ticket.teleported.v1", ticket, "{\"ticketId\":\"%s\"}".formatted(ticket)),
                desk.ticketEventJson(ticket, request(ticket, org))));

        assertThat(awaitEscalations(ticket, 1).get(0).path("trigger").asText()).isEqualTo("CUSTOMER_REQUEST");
        Map<String, String> reasons = awaitDeadLetters(4);
        assertThat(reasons).containsEntry("no event id", "value is not JSON")
                .containsEntry(lacking, "helpdesk.ticket.escalation-requested.v1 lacks data.ticketId")
                .containsEntry(badZone, "data.timeZone is not an IANA time zone");
        assertThat(reasons.get(nul)).contains("0x00");
        assertThat(attempts(nul)).isEqualTo(3);
        assertThat(processed(unknown)).as("an unknown type is skipped, not applied nor set aside").isZero();

        desk.escalationRequested(ticket, org, "contact-1");

        assertThat(levelAndState(awaitEscalations(ticket, 2))).containsExactly("2:OPEN", "1:CLOSED");
    }

    @Test
    void poisonRecordsOnTheSlaTopicAreSetAsideAndTheRecordsAroundThemApplied() {
        String org = id();
        String first = openTicket(org, Plan.STANDARD, Severity.S2);
        String second = openTicket(org, Plan.STANDARD, Severity.S2);
        String later = openTicket(org, Plan.STANDARD, Severity.S2);
        String lacking = id();
        String outOfRange = id();
        String nul = id();
        String unknown = id();
        Map<String, Object> lackingData = breach(first, org, Severity.S2);
        lackingData.remove("organizationId");
        desk.sendSlaRecords(first, List.of(
                desk.slaEventJson("helpdesk.sla.breached.v1", first, breach(first, org, Severity.S2)),
                "this is not JSON {",
                rawEnvelope(lacking, "helpdesk.sla.breached.v1", first, json(lackingData)),
                rawEnvelope(outOfRange, "helpdesk.sla.warning-reached.v1", first,
                        "{\"ticketId\":\"%s\",\"organizationId\":\"%s\",\"severity\":\"S1\",\"thresholdPercent\":150}"
                                .formatted(first, org)),
                rawEnvelope(nul, "helpdesk.sla.breached.v1", first, json(breach(id(), "org\u00001", Severity.S2))),
                rawEnvelope(unknown, "helpdesk.sla.rewound.v1", first, "{\"ticketId\":\"%s\"}".formatted(first)),
                desk.slaEventJson("helpdesk.sla.clock-started.v1", first, breach(first, org, Severity.S2)),
                desk.slaEventJson("helpdesk.sla.breached.v1", second, breach(second, org, Severity.S2))));

        assertThat(awaitEscalations(first, 1).get(0).path("trigger").asText()).isEqualTo("SLA_BREACH");
        assertThat(awaitEscalations(second, 1).get(0).path("trigger").asText()).isEqualTo("SLA_BREACH");
        Map<String, String> reasons = awaitDeadLetters(4);
        assertThat(reasons).containsEntry("no event id", "value is not JSON")
                .containsEntry(lacking, "helpdesk.sla.breached.v1 lacks data.organizationId")
                .containsEntry(outOfRange, "data.thresholdPercent must be between 1 and 100");
        assertThat(reasons.get(nul)).contains("0x00");
        assertThat(attempts(nul)).isEqualTo(3);
        assertThat(processed(unknown)).isZero();

        desk.slaBreached(later, org, Severity.S2);

        assertThat(awaitEscalations(later, 1).get(0).path("trigger").asText()).isEqualTo("SLA_BREACH");
    }

    @BeforeEach
    void rememberEarlierDeadLetters() {
        earlierDeadLetters = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM dead_letter", Long.class);
    }

    /** Waits for {@code count} dead letters set aside by this test; answers event id (or "no event id") to reason. */
    private Map<String, String> awaitDeadLetters(int count) {
        return await().atMost(PATIENCE).until(() -> {
            Map<String, String> reasons = new HashMap<>();
            jdbc.query("SELECT coalesce(event_id, 'no event id'), reason FROM dead_letter WHERE id > ?",
                    row -> {
                        reasons.put(row.getString(1), row.getString(2));
                    }, earlierDeadLetters);
            return reasons;
        }, found -> found.size() >= count);
    }

    private int attempts(String eventId) {
        return jdbc.queryForObject("SELECT attempts FROM dead_letter WHERE event_id = ?", Integer.class, eventId);
    }

    private int processed(String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId)
                + jdbc.queryForObject("SELECT count(*) FROM dead_letter WHERE event_id = ?", Integer.class, eventId);
    }

    private String json(Object data) {
        try {
            return objectMapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
