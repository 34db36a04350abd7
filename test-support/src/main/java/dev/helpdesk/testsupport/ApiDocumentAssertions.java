package dev.helpdesk.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's OpenAPI document must state (service-edge adds it): the bearer scheme as the global
 * security requirement, and on every operation the problem responses as {@code application/problem+json}.
 */
public final class ApiDocumentAssertions {

    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");

    private ApiDocumentAssertions() {
    }

    /**
     * Fetches {@code /v3/api-docs} of the service on {@code port}, keeps it as {@code target/openapi/api-docs.json}
     * (for {@code docs/openapi/lint.sh}) and checks it; returns the document.
     */
    public static JsonNode assertServesTheEdgeDocument(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = new ObjectMapper().readTree(response.body());
        Path saved = Path.of("target", "openapi", "api-docs.json");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, response.body());
        assertEveryOperationHasTheEdge(document);
        return document;
    }

    public static void assertEveryOperationHasTheEdge(JsonNode document) {
        JsonNode scheme = document.at("/components/securitySchemes/bearerAuth");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(document.at("/security/0").has("bearerAuth")).as("global security requirement").isTrue();
        assertThat(document.at("/components/schemas/Problem/properties").has("errors")).isTrue();
        List<String> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            String method = entry.getKey();
            JsonNode operation = entry.getValue();
            String name = method.toUpperCase() + " " + path.getKey();
            operations.add(name);
            assertThat(operation.path("operationId").asText()).as(name + " operationId").isNotBlank();
            assertThat(operation.path("description").asText()).as(name + " description").isNotBlank();
            assertThat(operation.path("tags")).as(name + " tags").isNotEmpty();
            List<String> expected = new ArrayList<>(List.of("400", "401", "403", "429", "500"));
            if (path.getKey().contains("{")) {
                expected.add("404");
            }
            if (WRITES.contains(method)) {
                expected.add("422");
            }
            for (String code : expected) {
                assertThat(operation.at("/responses/" + code + "/content/application~1problem+json/schema/$ref").asText())
                        .as(name + " answers " + code + " as a problem").isEqualTo(PROBLEM);
            }
        }));
        assertThat(operations).as("operations of the document").isNotEmpty();
    }
}
