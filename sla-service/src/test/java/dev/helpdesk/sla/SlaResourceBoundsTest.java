package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.sla.support.Api;
import dev.helpdesk.sla.support.TicketEvents;
import dev.helpdesk.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16, resource consumption: what an admin's or analyst's oversized request to the SLA service gets. */
class SlaResourceBoundsTest extends SlaServiceTestBase {

    private static final String TWO_THOUSAND_YEARS = "PT" + 2000L * 365 * 24 + "H";

    @Test
    void aPolicyWithATwoThousandYearTargetIsRefusedNamingTheField() {
        Map<String, Object> policy = policy("business-hours", TWO_THOUSAND_YEARS, null);

        Api.Answer answer = api.put("/api/sla/policies/forever", ADMIN, policy);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "targets.S1.firstResponse", "targets.S2.firstResponse", "targets.S3.firstResponse",
                "targets.S4.firstResponse", "targets.S5.firstResponse");
        assertThat(answer.body().at("/errors/0/message").asText()).contains("P366D");
        assertThat(api.get("/api/sla/policies/forever", AGENT).status()).isEqualTo(404);
    }

    @Test
    void theLargestTargetIsAYearOfBusinessTime() {
        assertThat(api.put("/api/sla/policies/longest", ADMIN, policy("business-hours", "PT1H", "P366D")).status())
                .isEqualTo(201);
        Api.Answer tooLong = api.put("/api/sla/policies/too-long", ADMIN, policy("business-hours", "PT1H", "PT8785H"));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("errors").findValuesAsText("field")).contains("targets.S1.resolution");
    }

    @Test
    void aSimulationWithATwoThousandYearTargetIsRefusedNamingTheField() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        Api.Answer answer = api.post("/api/sla/simulations", TestTokens.analyst("analyst-1"),
                Map.of("policy", policy("24x7", "PT1H", TWO_THOUSAND_YEARS), "from", "2000-01-01", "to", today));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("errors").findValuesAsText("field")).contains(
                "policy.targets.S1.resolution", "policy.targets.S5.resolution");
    }

    @Test
    void aSimulationStatesHowManyTicketsItConsideredAndItsLimit() {
        String organizationId = "org-" + TicketEvents.newId();
        String ticketId = TicketEvents.newId();
        Instant opened = ago(Duration.ofHours(3));
        events.opened(ticketId, organizationId, Plan.DEDICATED, CalendarKind.TWENTY_FOUR_SEVEN, "UTC",
                TicketType.INCIDENT, Severity.S2, opened);
        events.comment(ticketId, ActorKind.STAFF, Visibility.PUBLIC, opened.plus(Duration.ofMinutes(45)));
        awaitClock(ticketId, "FIRST_RESPONSE", state("MET"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        // the day the ticket was opened: three hours ago is yesterday shortly after midnight
        String openedOn = LocalDate.ofInstant(opened, ZoneOffset.UTC).toString();
        Map<String, Object> request = Map.of("policy", "dedicated", "from", openedOn, "to", today,
                "organizationId", organizationId);

        Api.Answer one = api.post("/api/sla/simulations", TestTokens.analyst("analyst-1"), request);
        // the same organisation with 5,000 more tickets that day: one more than a simulation considers
        jdbc.update("INSERT INTO ticket SELECT ticket_id || '-' || n, organization_id, type, severity, status, policy_id, "
                + "policy_version, calendar_id, time_zone, targets, warning_thresholds, opened_at + n * interval '1 millisecond' "
                + "FROM ticket, generate_series(1, 5000) AS n WHERE ticket_id = ?", ticketId);
        Api.Answer many = api.post("/api/sla/simulations", TestTokens.analyst("analyst-1"), request);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("considered").asInt()).isEqualTo(1);
        assertThat(one.body().get("limit").asInt()).isEqualTo(5000);
        assertThat(one.body().get("truncated").asBoolean()).isFalse();
        assertThat(one.body().get("items")).hasSize(2);
        assertThat(many.status()).isEqualTo(200);
        assertThat(many.body().get("considered").asInt()).isEqualTo(5000);
        assertThat(many.body().get("limit").asInt()).isEqualTo(5000);
        assertThat(many.body().get("truncated").asBoolean()).isTrue();
        assertThat(many.body().get("ticketsInRange").asLong()).isEqualTo(5001);
        assertThat(many.body().get("items").findValuesAsText("ticketId")).contains(ticketId);

        // every ticket of the range, page by page, each once
        java.util.List<Integer> pages = new java.util.ArrayList<>();
        java.util.List<String> simulated = new java.util.ArrayList<>();
        String after = null;
        for (int page = 0; page < 5; page++) {
            Map<String, Object> next = new java.util.HashMap<>(request);
            next.put("pageSize", 2000);
            if (after != null) {
                next.put("after", after);
            }
            Api.Answer answer = api.post("/api/sla/simulations", TestTokens.analyst("analyst-1"), next);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().get("ticketsInRange").asLong()).isEqualTo(5001);
            assertThat(answer.body().get("limit").asInt()).isEqualTo(2000);
            pages.add(answer.body().get("considered").asInt());
            simulated.addAll(answer.body().get("items").findValuesAsText("ticketId"));
            after = answer.body().path("next").isNull() ? null : answer.body().get("next").asText();
            assertThat(answer.body().get("truncated").asBoolean()).isEqualTo(after != null);
            if (after == null) {
                break;
            }
        }
        assertThat(pages).containsExactly(2000, 2000, 1001);
        assertThat(simulated).containsExactly(ticketId, ticketId); // its two clocks, on the first page only

        Map<String, Object> badPage = new java.util.HashMap<>(request);
        badPage.put("pageSize", 0);
        badPage.put("after", "not a cursor");
        Api.Answer refused = api.post("/api/sla/simulations", TestTokens.analyst("analyst-1"), badPage);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").findValuesAsText("field")).containsAnyOf("pageSize", "after");
    }
}
