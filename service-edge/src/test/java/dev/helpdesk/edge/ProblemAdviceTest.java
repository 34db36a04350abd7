package dev.helpdesk.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The common failures of a service, as a client sees them: problems of the catalogue, never internals. */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "edge")
class ProblemAdviceTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static final String AGENT = TestTokens.agent("ann");

    @LocalServerPort
    int port;

    @Test
    void anInvalidBodyIsA400ListingEveryInvalidField() throws Exception {
        JsonNode problem = problem(send(json("POST", "/api/things", "{\"name\":\"\"}")), 400, "invalid-request");

        assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "kind");
    }

    @Test
    void malformedJsonAndAWrongEnumValueAre400sNamingTheField() throws Exception {
        JsonNode malformed = problem(send(json("POST", "/api/things", "{\"name\":")), 400, "invalid-request");
        JsonNode wrongEnum = problem(send(json("POST", "/api/things", "{\"name\":\"x\",\"kind\":\"HUGE\"}")), 400, "invalid-request");

        assertThat(malformed.at("/errors/0/field").asText()).isEqualTo("body");
        assertThat(wrongEnum.at("/errors/0/field").asText()).isEqualTo("kind");
        assertThat(wrongEnum.toString()).doesNotContain("dev.helpdesk").doesNotContain("Cannot deserialize");
    }

    @Test
    void outOfRangeAndNonNumericPagingAre400sNamingTheParameter() throws Exception {
        JsonNode tooLarge = problem(send(get("/api/things?size=201")), 400, "invalid-request");
        JsonNode negative = problem(send(get("/api/things?page=-1")), 400, "invalid-request");
        JsonNode text = problem(send(get("/api/things?size=many")), 400, "invalid-request");

        assertThat(tooLarge.at("/errors/0/field").asText()).isEqualTo("size");
        assertThat(tooLarge.at("/errors/0/message").asText()).isEqualTo("must be between 1 and 200");
        assertThat(negative.at("/errors/0/field").asText()).isEqualTo("page");
        assertThat(text.at("/errors/0").toString()).isEqualTo("{\"field\":\"size\",\"message\":\"has an invalid value\"}");
    }

    @Test
    void aPageAnswersItemsPageSizeAndTotalItems() throws Exception {
        HttpResponse<String> defaults = send(get("/api/things"));
        JsonNode last = json.readTree(send(get("/api/things?page=2&size=50")).body());

        assertThat(defaults.statusCode()).isEqualTo(200);
        JsonNode first = json.readTree(defaults.body());
        assertThat(first.get("items")).hasSize(50);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(50);
        assertThat(first.get("totalItems").asInt()).isEqualTo(120);
        assertThat(last.get("items")).hasSize(20);
        assertThat(last.at("/items/0").asInt()).isEqualTo(100);
    }

    @Test
    void frameworkRefusalsKeepTheirStatusAndGetTheCatalogueType() throws Exception {
        problem(send(HttpRequest.newBuilder(uri("/api/things")).header("Authorization", "Bearer " + AGENT)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build()), 415, "unsupported-media-type");
        problem(send(HttpRequest.newBuilder(uri("/api/things")).header("Authorization", "Bearer " + AGENT)
                .DELETE().build()), 405, "method-not-allowed");
        problem(send(get("/api/nowhere")), 404, "not-found");
    }

    @Test
    void anUnexpectedFailureIsA500ThatLeaksNothing() throws Exception {
        HttpResponse<String> response = send(get("/api/things/boom"));

        JsonNode problem = problem(response, 500, "internal-error");
        assertThat(problem.get("detail").asText()).isEqualTo("Something went wrong on our side.");
        assertThat(response.body()).doesNotContain("SELECT").doesNotContain("IllegalState").doesNotContain("trace");
    }

    @Test
    void aContactReadsTheirOwnOrganisationOnlyAndWithoutOrganisationIsRefused() throws Exception {
        String contact = TestTokens.contact("cora", "org-1");
        String homeless = TestTokens.contact("hal", null);

        assertThat(send(get("/api/things/org-1", contact)).statusCode()).isEqualTo(200);
        JsonNode other = problem(send(get("/api/things/org-2", contact)), 404, "not-found");
        JsonNode unknown = problem(send(get("/api/things/org-9", contact)), 404, "not-found");
        problem(send(get("/api/things/org-1", homeless)), 403, "forbidden");
        assertThat(send(get("/api/things/org-2")).statusCode()).isEqualTo(200);
        assertThat(other.get("detail").asText()).isEqualTo("Thing not found.").isEqualTo(unknown.get("detail").asText());
    }

    @Test
    void ifMatchAcceptsCurrentTagsInEveryFormAndRefusesStaleOrMalformedOnes() throws Exception {
        String body = "{\"name\":\"x\",\"kind\":\"SMALL\"}";
        for (String current : new String[] {"\"3\"", "W/\"3\"", "3", "\"1\", \"3\"", "*"}) {
            assertThat(send(json("PUT", "/api/things/org-1", body, current)).statusCode()).as(current).isEqualTo(200);
        }
        JsonNode stale = problem(send(json("PUT", "/api/things/org-1", body, "\"2\"")), 409, "stale-version");
        JsonNode malformed = problem(send(json("PUT", "/api/things/org-1", body, "version-3")), 400, "invalid-request");

        assertThat(stale.get("detail").asText()).contains("\"3\"");
        assertThat(malformed.at("/errors/0/field").asText()).isEqualTo("If-Match");
    }

    @Test
    void theApiDocumentDeclaresTheBearerSchemeAndTheProblemResponsesOfEveryOperation() throws Exception {
        JsonNode document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);

        JsonNode replace = document.at("/paths/~1api~1things~1{organizationId}/put");
        assertThat(replace.at("/responses/409/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(document.at("/paths/~1api~1things/get/parameters").findValuesAsText("name")).containsExactly("page", "size");
        assertThat(document.toString()).doesNotContain("\"caller\"").doesNotContain("ProblemDetail");
    }

    private JsonNode problem(HttpResponse<String> response, int status, String slug) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://helpdesk.dev/problems/" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        return problem;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpRequest get(String path) {
        return get(path, AGENT);
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build();
    }

    private HttpRequest json(String method, String path, String body) {
        return json(method, path, body, null);
    }

    private HttpRequest json(String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + AGENT)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
