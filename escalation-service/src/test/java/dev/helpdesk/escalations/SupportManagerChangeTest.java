package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A terms change naming another support manager (issue 21 point 1): DEDICATED level 1 goes to the one in force when it
 * is raised, and an OPEN level 1 goes over to the new one once the change is in force.
 */
class SupportManagerChangeTest extends RunningService {

    @Test
    void newLevelsGoToTheSupportManagerInForceAndOpenOnesAreReassigned() {
        String org = id();
        awaitProcessed(desk.organizationRegistered(org, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", "Dana Scully"));
        String before = raiseLevelOne(org);
        String acknowledgedBefore = raiseLevelOne(org);
        JsonNode open = awaitEscalations(before, 1).get(0);
        assertThat(open.path("assignee").asText()).isEqualTo("Dana Scully");
        String ackId = awaitEscalations(acknowledgedBefore, 1).get(0).path("id").asText();
        assertThat(api.post("/api/escalations/" + ackId + "/acknowledgement", MANAGER, "{\"actionPlan\":\"On it\"}").status())
                .isEqualTo(200);

        awaitProcessed(desk.supportManagerChanged(org, Plan.DEDICATED, "Fox Mulder", Instant.now().minusSeconds(1)));

        String after = raiseLevelOne(org);
        JsonNode raised = awaitEscalations(after, 1).get(0);
        assertThat(raised.path("level").asInt()).isEqualTo(1);
        assertThat(raised.path("assignee").asText()).as("the manager in force").isEqualTo("Fox Mulder");
        assertThat(awaitPublished(after, "helpdesk.escalation.raised.v1", 1).get(0).path("data").path("levelName").asText())
                .isEqualTo("Support services manager (Fox Mulder)");
        JsonNode reassigned = escalations("?ticketId=" + before).get(0);
        assertThat(reassigned.path("assignee").asText()).as("open, unacknowledged: reassigned").isEqualTo("Fox Mulder");
        assertThat(reassigned.path("state").asText()).isEqualTo("OPEN");
        assertThat(reassigned.path("version").asLong()).isEqualTo(open.path("version").asLong() + 1);
        assertThat(api.get("/api/escalations/" + open.path("id").asText(), AGENT).header("ETag"))
                .isEqualTo("\"" + (open.path("version").asLong() + 1) + "\"");
        JsonNode acknowledged = escalations("?ticketId=" + acknowledgedBefore).get(0);
        assertThat(acknowledged.path("assignee").asText()).as("acknowledged: kept").isEqualTo("Dana Scully");
        assertThat(acknowledged.path("version").asLong()).isEqualTo(1);

        awaitProcessed(desk.supportManagerChanged(org, Plan.DEDICATED, "John Doggett", Instant.now().plus(Duration.ofDays(1))));
        awaitProcessed(desk.relationshipManagerChanged(org, Plan.DEDICATED, "Walter Skinner", Instant.now().minusSeconds(1)));

        String announced = raiseLevelOne(org);
        assertThat(awaitEscalations(announced, 1).get(0).path("assignee").asText())
                .as("a change effective tomorrow names the new manager only from then; a relationship manager change "
                        + "carrying no support manager changes nothing")
                .isEqualTo("Fox Mulder");
        JsonNode stillOpen = escalations("?ticketId=" + before).get(0);
        assertThat(stillOpen.path("assignee").asText()).isEqualTo("Fox Mulder");
        assertThat(stillOpen.path("version").asLong()).as("not reassigned before the change is in force")
                .isEqualTo(reassigned.path("version").asLong());
    }

    private String raiseLevelOne(String org) {
        String ticket = id();
        awaitProcessed(desk.ticketOpened(ticket, org, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC", Severity.S2));
        desk.escalationRequested(ticket, org, "contact-1");
        awaitEscalations(ticket, 1);
        return ticket;
    }
}
