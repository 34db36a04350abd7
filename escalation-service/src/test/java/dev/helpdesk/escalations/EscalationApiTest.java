package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.testsupport.ServiceApi.Answer;
import dev.helpdesk.events.Plan;
import dev.helpdesk.events.Severity;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API: acknowledgement by managers, tenant isolation, paging and validation, ladders. */
class EscalationApiTest extends RunningService {

    @Test
    void managerAcknowledgesAnOpenEscalationWithAnActionPlanOnce() {
        String org = id();
        String ticket = openTicket(org, Plan.STANDARD, Severity.S2);
        desk.slaBreached(ticket, org, Severity.S2);
        String id = awaitEscalations(ticket, 1).get(0).path("id").asText();
        String path = "/api/escalations/" + id + "/acknowledgement";

        assertThat(api.post(path, contact("contact-1", org), "{\"actionPlan\":\"Call them\"}").status()).isEqualTo(403);
        assertThat(api.post(path, AGENT, "{\"actionPlan\":\"Call them\"}").status()).isEqualTo(403);
        assertThat(api.post(path, null, "{\"actionPlan\":\"Call them\"}").status()).isEqualTo(401);
        Answer blank = api.post(path, MANAGER, "{\"actionPlan\":\"  \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).contains("application/problem+json");
        assertThat(blank.body().path("errors").get(0).path("field").asText()).isEqualTo("actionPlan");

        Answer read = api.get("/api/escalations/" + id, AGENT);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        String plan = "{\"actionPlan\":\"Senior engineer on it, update within 30 minutes\"}";
        Answer stale = api.post(path, MANAGER, plan, "If-Match", "\"7\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("type").asText()).isEqualTo("https://helpdesk.dev/problems/stale-version");

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
        assertThat(api.get("/actuator/prometheus", MANAGER).status()).as("metrics on the API's port").isEqualTo(404);
        String metrics = new Api(objectMapper, managementPort).text("/actuator/prometheus");
        assertThat(metrics).containsPattern("helpdesk_escalations_raised_total\\{[^}]*level=\"1\"[^}]*trigger=\"SLA_BREACH\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("helpdesk_escalations_raised_total\\{[^}]*level=\"3\"[^}]*trigger=\"SLA_WARNING\"[^}]*} 0");
        assertThat(metrics).containsPattern("helpdesk_escalations_time_to_acknowledge_seconds_count\\{[^}]*level=\"1\"[^}]*} [1-9]");
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
        String contact = contact("contact-1", mine);

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
        Answer homeless = api.get("/api/escalations", TestTokens.contact("contact-9", null));
        assertThat(homeless.status()).as("a contact without organisation is refused").isEqualTo(403);
        assertThat(homeless.body().path("type").asText()).isEqualTo("https://helpdesk.dev/problems/forbidden");
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
        Answer negative = api.get("/api/escalations?page=-1", AGENT);
        assertThat(negative.body().path("type").asText()).isEqualTo("https://helpdesk.dev/problems/invalid-request");
        assertThat(negative.body().path("errors").get(0).path("field").asText()).isEqualTo("page");
    }

    @Test
    void laddersAreReadByEveryoneAndEditedByManagersOnly() {
        Answer dedicated = api.get("/api/escalations/ladders/DEDICATED", contact("c", "o"));
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
        assertThat(api.put("/api/escalations/ladders/EXTENDED", contact("c", "o"), valid).status()).isEqualTo(403);
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

    @Test
    void theApiDocumentDeclaresBearerSecurityAndTheProblemResponsesOfEveryOperation() throws Exception {
        JsonNode document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);

        assertThat(document.at("/paths/~1api~1escalations~1{id}~1acknowledgement/post/responses/409/content")
                .has("application/problem+json")).isTrue();
        assertThat(document.at("/paths/~1api~1escalations/get/parameters").findValuesAsText("name")).contains("page", "size")
                .doesNotContain("caller", "paging");
    }
}
