package dev.helpdesk.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.testsupport.ServiceApi.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API with the production settings: admins only, the SSRF rule on, versions, the secret shown once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "helpdesk.topics.webhooks=helpdesk.webhooks.v1.${random.uuid}")
@RealInfrastructure(database = "webhooks")
class WebhookApiTest {

    private static final String ADMIN = TestTokens.admin("admin-1");
    /** A literal public address: no DNS needed on a machine without one. */
    private static final String PUBLIC_URL = "https://93.184.216.34/helpdesk";
    private static final String OPENED = "\"helpdesk.ticket.opened.v1\"";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    private Api api() {
        return new Api(json, port);
    }

    private static String body(String url, String types, String organizationId) {
        return "{\"url\":\"" + url + "\",\"eventTypes\":[" + types + "]"
                + (organizationId == null ? "" : ",\"organizationId\":\"" + organizationId + "\"") + "}";
    }

    @Test
    void onlyAdminsManageWebhooks() {
        String valid = body(PUBLIC_URL, OPENED, null);
        for (String token : new String[]{TestTokens.agent("agent-1"), TestTokens.manager("manager-1"),
                TestTokens.analyst("analyst-1")}) {
            assertThat(api().get("/api/webhooks", token).status()).isEqualTo(403);
            assertThat(api().post("/api/webhooks", token, valid).status()).isEqualTo(403);
            assertThat(api().post("/api/webhooks", token, "{}").status()).isEqualTo(403);
        }
        assertThat(api().get("/api/webhooks", TestTokens.contact("carol", "org-1")).status()).isEqualTo(403);
        assertThat(api().get("/api/webhooks", null).status()).isEqualTo(401);
    }

    @Test
    void refusesUrlsThatAreNotHttpsOrLeadToNonPublicAddresses() {
        String org = "org-" + UUID.randomUUID();
        Answer plain = api().post("/api/webhooks", ADMIN, body("http://93.184.216.34/hook", OPENED, org));
        assertThat(plain.status()).isEqualTo(422);
        assertThat(plain.body().path("type").asText()).isEqualTo("https://helpdesk.dev/problems/business-rule-violated");
        assertThat(plain.body().path("reason").asText()).isEqualTo("url-not-https");

        for (String url : new String[]{"https://127.0.0.1:8443/hook", "https://localhost/hook", "https://[::1]/hook",
                "https://10.0.0.5/hook", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/",
                "https://[fd12:3456::1]/", "https://[::ffff:127.0.0.1]/"}) {
            Answer refused = api().post("/api/webhooks", ADMIN, body(url, OPENED, org));
            assertThat(refused.status()).as(url).isEqualTo(422);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.body().path("reason").asText()).as(url).isEqualTo("url-not-public");
        }
        assertThat(api().get("/api/webhooks?organizationId=" + org, ADMIN).body().path("totalItems").asLong()).isZero();
    }

    @Test
    void invalidBodiesAreProblemsNamingTheField() {
        Answer unknownType = api().post("/api/webhooks", ADMIN, body(PUBLIC_URL, "\"helpdesk.ticket.nope.v1\"", null));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.body().path("errors").get(0).path("field").asText()).isEqualTo("eventTypes[0]");

        Answer organizationEvent = api().post("/api/webhooks", ADMIN,
                body(PUBLIC_URL, "\"helpdesk.organization.contact-added.v1\"", null));
        assertThat(organizationEvent.status()).isEqualTo(400);

        Answer noTypes = api().post("/api/webhooks", ADMIN, body(PUBLIC_URL, "", null));
        assertThat(noTypes.status()).isEqualTo(400);
        assertThat(noTypes.body().path("errors").get(0).path("field").asText()).isEqualTo("eventTypes");

        Answer noUrl = api().post("/api/webhooks", ADMIN, "{\"eventTypes\":[" + OPENED + "]}");
        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(noUrl.body().path("errors").get(0).path("field").asText()).isEqualTo("url");

        Answer relative = api().post("/api/webhooks", ADMIN, body("/just/a/path", OPENED, null));
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.body().path("errors").get(0).path("field").asText()).isEqualTo("url");

        Answer withCredentials = api().post("/api/webhooks", ADMIN, body("https://me:pw@93.184.216.34/", OPENED, null));
        assertThat(withCredentials.status()).isEqualTo(400);
    }

    @Test
    void theSecretIsShownOnceAtRegistrationAndAtEachRotation() {
        String org = "org-" + UUID.randomUUID();
        Answer created = api().post("/api/webhooks", ADMIN, body(PUBLIC_URL, OPENED + "," + OPENED, org));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/webhooks/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        String secret = created.body().path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(created.body().path("eventTypes")).hasSize(1);
        assertThat(created.body().path("organizationId").asText()).isEqualTo(org);
        assertThat(created.body().path("active").asBoolean()).isTrue();
        assertThat(created.body().path("createdBy").asText()).isEqualTo("admin-1");

        Answer read = api().get("/api/webhooks/" + id, ADMIN);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        assertThat(read.body().has("secret")).isFalse();
        assertThat(read.body().toString()).doesNotContain(secret.substring(6));
        JsonNode list = api().get("/api/webhooks?organizationId=" + org, ADMIN).body();
        assertThat(list.path("totalItems").asLong()).isEqualTo(1);
        assertThat(list.toString()).doesNotContain(secret.substring(6));

        Answer rotated = api().post("/api/webhooks/" + id + "/secret", ADMIN, "");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.header("ETag")).isEqualTo("\"1\"");
        String next = rotated.body().path("secret").asText();
        assertThat(next).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(Instant.parse(rotated.body().path("previousSecretValidUntil").asText()))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(api().get("/api/webhooks/" + id, ADMIN).body().toString()).doesNotContain(next.substring(6));
    }

    @Test
    void aRegistrationRetriedWithTheSameIdempotencyKeyRegistersOnce() {
        String org = "org-" + UUID.randomUUID();
        String key = "register-" + UUID.randomUUID();
        Answer first = api().post("/api/webhooks", ADMIN, body(PUBLIC_URL, OPENED, org), "Idempotency-Key", key);
        Answer retried = api().post("/api/webhooks", ADMIN, body(PUBLIC_URL, OPENED, org), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.body().path("id")).isEqualTo(first.body().path("id"));
        assertThat(api().get("/api/webhooks?organizationId=" + org, ADMIN).body().path("totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void changesNeedTheCurrentVersionAndDeletingRemovesTheEndpoint() {
        Answer created = api().post("/api/webhooks", ADMIN, body(PUBLIC_URL, OPENED, null));
        String path = "/api/webhooks/" + created.body().path("id").asText();
        String replacement = "{\"url\":\"https://93.184.216.35/other\",\"eventTypes\":[\"helpdesk.sla.breached.v1\"],"
                + "\"organizationId\":\"org-9\",\"active\":false}";

        Answer stale = api().put(path, ADMIN, replacement, "If-Match", "\"5\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("type").asText()).isEqualTo("https://helpdesk.dev/problems/stale-version");
        assertThat(api().put(path, ADMIN, replacement.replace("93.184.216.35", "127.0.0.1"), "If-Match", "\"0\"").status())
                .isEqualTo(422);

        Answer replaced = api().put(path, ADMIN, replacement, "If-Match", "\"0\"");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"1\"");
        assertThat(replaced.body().path("url").asText()).isEqualTo("https://93.184.216.35/other");
        assertThat(replaced.body().path("eventTypes").get(0).asText()).isEqualTo("helpdesk.sla.breached.v1");
        assertThat(replaced.body().path("organizationId").asText()).isEqualTo("org-9");
        assertThat(replaced.body().path("active").asBoolean()).isFalse();

        Answer log = api().get(path + "/deliveries", ADMIN);
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body().path("totalItems").asLong()).isZero();
        assertThat(api().get(path + "/deliveries?size=500", ADMIN).status()).isEqualTo(400);

        assertThat(api().delete(path, ADMIN, "If-Match", "\"0\"").status()).isEqualTo(409);
        assertThat(api().delete(path, ADMIN, "If-Match", "\"1\"").status()).isEqualTo(204);
        assertThat(api().get(path, ADMIN).status()).isEqualTo(404);
        assertThat(api().get(path + "/deliveries", ADMIN).status()).isEqualTo(404);
        assertThat(api().post(path + "/secret", ADMIN, "").status()).isEqualTo(404);
        assertThat(api().get("/api/webhooks/not-a-uuid", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentDescribesTheWebhookOperations() throws Exception {
        JsonNode document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);
        assertThat(document.path("paths").has("/api/webhooks")).isTrue();
        assertThat(document.path("paths").has("/api/webhooks/{id}")).isTrue();
        assertThat(document.path("paths").has("/api/webhooks/{id}/secret")).isTrue();
        assertThat(document.path("paths").has("/api/webhooks/{id}/deliveries")).isTrue();
        ApiDocumentAssertions.assertEveryOperationHasTheEdge(document);
    }
}
