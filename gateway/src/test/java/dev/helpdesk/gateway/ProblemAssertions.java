package dev.helpdesk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client sees of a gateway error: a problem+json with the contract's fields and nothing internal. */
final class ProblemAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemAssertions() {
    }

    static JsonNode assertProblem(WebTestClient.ResponseSpec response, int status) {
        byte[] body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        try {
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("type").asText()).startsWith("https://helpdesk.dev/problems/");
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
            List<String> fields = new ArrayList<>();
            problem.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isSubsetOf("type", "title", "status", "detail", "instance");
            assertThat(new String(body)).doesNotContainIgnoringCase("exception").doesNotContain("\tat ");
            return problem;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + new String(body), e);
        }
    }
}
