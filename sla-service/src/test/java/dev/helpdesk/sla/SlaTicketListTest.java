package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.sla.support.Api;
import dev.helpdesk.sla.support.TicketEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Several tickets' clocks in one read: the SLA cells of a portal's list, without one request per ticket. */
class SlaTicketListTest extends SlaServiceTestBase {

    @Test
    void aListReadAnswersEachReadableTicketsClocksInTheOrderAskedAndLeavesOutTheOthers() {
        String organizationId = "org-list-" + UUID.randomUUID();
        String otherOrganization = "org-list-other-" + UUID.randomUUID();
        String first = open(organizationId, Severity.S2);
        String second = open(organizationId, Severity.S4);
        String foreign = open(otherOrganization, Severity.S1);
        for (String ticketId : List.of(first, second, foreign)) {
            awaitClock(ticketId, "FIRST_RESPONSE", started());
        }
        String unknown = UUID.randomUUID().toString();

        Api.Answer agent = api.get("/api/sla/tickets?ticketId=" + second + "&ticketId=" + unknown + "," + first
                + "&ticketId=" + foreign, AGENT);
        assertThat(agent.status()).isEqualTo(200);
        assertThat(ids(agent.body())).containsExactly(second, first, foreign);
        JsonNode one = agent.body().get("items").get(1);
        JsonNode single = api.get("/api/sla/tickets/" + first, AGENT).body();
        assertThat(one.get("severity").asText()).isEqualTo("S2");
        assertThat(clockOf(one, "FIRST_RESPONSE").get("dueAt")).isEqualTo(clockOf(single, "FIRST_RESPONSE").get("dueAt"));
        assertThat(clockOf(one, "RESOLUTION").get("state")).isEqualTo(clockOf(single, "RESOLUTION").get("state"));

        String contact = contact("carol-" + UUID.randomUUID(), organizationId);
        Api.Answer own = api.get("/api/sla/tickets?ticketId=" + first + "," + second + "," + foreign, contact);
        assertThat(own.status()).isEqualTo(200);
        assertThat(ids(own.body())).containsExactly(first, second);

        Api.Answer none = api.get("/api/sla/tickets?ticketId=" + foreign, contact);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().get("items")).isEmpty();
        assertThat(api.get("/api/sla/tickets?ticketId=" + first, null).status()).isEqualTo(401);
    }

    @Test
    void aListReadWithoutIdsTooManyOrMalformedOnesIsAProblem() {
        String tooMany = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.joining(","));
        List<String> refused = new ArrayList<>(List.of("/api/sla/tickets", "/api/sla/tickets?ticketId=",
                "/api/sla/tickets?ticketId=" + tooMany, "/api/sla/tickets?ticketId=a%27;drop"));
        for (String path : refused) {
            Api.Answer answer = api.get(path, AGENT);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).as(path).contains("application/problem+json");
            assertThat(answer.text()).as(path).contains("ticketId");
        }
        String hundred = IntStream.range(0, 100).mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.joining(","));
        Api.Answer most = api.get("/api/sla/tickets?ticketId=" + hundred, AGENT);
        assertThat(most.status()).isEqualTo(200);
        assertThat(most.body().get("items")).isEmpty();
    }

    private String open(String organizationId, Severity severity) {
        String ticketId = TicketEvents.newId();
        events.opened(ticketId, organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC",
                TicketType.INCIDENT, severity, ago(Duration.ofMinutes(5)));
        return ticketId;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("items").forEach(item -> ids.add(item.get("ticketId").asText()));
        return ids;
    }
}
