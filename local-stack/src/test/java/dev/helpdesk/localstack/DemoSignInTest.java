package dev.helpdesk.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's demo sign-in: the demo users, their tokens in a POST answer's body, and refusals as problems. */
class DemoSignInTest {

    private final DemoTokens tokens = new DemoTokens("demo-sign-in-test-secret-0123456789-abcdef", Duration.ofHours(1));
    private final DemoSignIn signIn = start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private DemoSignIn start() {
        try {
            return DemoSignIn.start(tokens, Duration.ofHours(1));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        signIn.close();
    }

    @Test
    void listsTheContactOnlyOnceItsOrganisationIsKnown() throws Exception {
        assertThat(get("/demo/users").path("users").findValuesAsText("id")).doesNotContain("alice").contains("demo-agent", "demo-admin");
        signIn.contactOrganization("org-1");
        assertThat(get("/demo/users").path("users").get(0).path("id").asText()).isEqualTo("alice");
        assertThat(signIn.url()).startsWith("http://127.0.0.1:");
        assertThat(signIn.gatewayEnvironment()).containsEntry("HELPDESK_GATEWAY_DEMO_SIGN_IN_URL", signIn.url());
    }

    @Test
    void answersTheDemoUsersTokenInTheBody() throws Exception {
        signIn.contactOrganization("org-1");
        HttpResponse<String> response = post("{\"user\":\"alice\"}", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json.readTree(response.body());
        var claims = SignedJWT.parse(body.path("token").asText()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("org")).isEqualTo("org-1");
        assertThat(claims.getStringListClaim("roles")).containsExactly("contact");
        assertThat(claims.getIssuer()).isEqualTo(StackConfig.LOCAL_ISSUER);
    }

    @Test
    void refusesUnknownUsersOtherMethodsAndOtherMediaTypes() throws Exception {
        HttpResponse<String> unknown = post("{\"user\":\"mallory\"}", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(post("user=alice", "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);
        assertThat(post("{not json", "application/json").statusCode()).isEqualTo(400);
        assertThat(post("{\"user\":\"" + "a".repeat(2000) + "\"}", "application/json").statusCode()).isEqualTo(413);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(signIn.url() + "/demo/sign-in")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(signIn.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(signIn.url() + "/demo/sign-in"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
