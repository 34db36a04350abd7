package dev.helpdesk.gateway;

import dev.helpdesk.edge.token.TokenSettings;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which tokens the gateway accepts is configuration; an unsafe configuration does not start at all. */
class GatewayTokenSourcesTest {

    private static ConfigurableApplicationContext start(String... arguments) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off"));
        args.addAll(List.of(arguments));
        return new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Test
    void refusesToStartWithoutASecretOrAnIssuer() {
        assertThatThrownBy(() -> start("--helpdesk.security.jwt-secret=", "--helpdesk.security.issuer-uri="))
                .satisfies(failure -> assertThat(rootCause(failure)).hasMessageContaining("HELPDESK_JWT_SECRET"));
    }

    @Test
    void refusesToStartWithTheLocalDemoSecretOutsideTheLocalStack() {
        assertThatThrownBy(() -> start("--helpdesk.security.jwt-secret=" + TokenSettings.LOCAL_DEMO_SECRET,
                "--helpdesk.security.allow-local-secret=false"))
                .satisfies(failure -> assertThat(rootCause(failure)).hasMessageContaining("public demo secret"));
    }

    @Test
    void acceptsTheIssuersTokensAndLocalStackTokensWhenBothAreConfigured() throws Exception {
        try (IssuerStandIn issuer = new IssuerStandIn(); ServiceStandIn tickets = new ServiceStandIn("tickets");
             ConfigurableApplicationContext gateway = start(
                     "--helpdesk.security.jwt-secret=" + TokenSettings.LOCAL_DEMO_SECRET,
                     "--helpdesk.security.allow-local-secret=true",
                     "--helpdesk.security.issuer-uri=" + issuer.issuer(),
                     "--helpdesk.gateway.services.tickets.url=" + tickets.url())) {
            int port = ((ReactiveWebServerApplicationContext) gateway).getWebServer().getPort();

            assertThat(get(port, issuer.token("oidc-user", List.of("agent")))).isEqualTo(200);
            assertThat(get(port, TestTokens.token("local-user", List.of("agent"), null, Duration.ofHours(1),
                    TokenSettings.LOCAL_DEMO_SECRET))).isEqualTo(200);
            assertThat(tickets.received()).hasSize(2);

            assertThat(get(port, issuer.token("forger", List.of("admin"), issuer.issuer(), IssuerStandIn.otherKey()))).isEqualTo(401);
            assertThat(get(port, issuer.token("elsewhere", List.of("agent"), "https://other-issuer.example.org",
                    issuer.signingKey()))).isEqualTo(401);
            assertThat(get(port, TestTokens.agent("signed-with-another-secret"))).isEqualTo(401);
            assertThat(tickets.received()).hasSize(2);
        }
    }

    @Test
    void refusesLocalTokensWithoutExpiryOfAnotherIssuerOrForAnotherAudience() throws Exception {
        try (ServiceStandIn tickets = new ServiceStandIn("tickets");
             ConfigurableApplicationContext gateway = start(
                     "--helpdesk.security.jwt-secret=" + TestTokens.SECRET,
                     "--helpdesk.security.issuer=" + TestTokens.ISSUER,
                     "--helpdesk.security.audience=" + TestTokens.AUDIENCE,
                     "--helpdesk.gateway.services.tickets.url=" + tickets.url())) {
            int port = ((ReactiveWebServerApplicationContext) gateway).getWebServer().getPort();

            assertThat(get(port, localToken(claims -> claims.expirationTime(null)))).isEqualTo(401);
            assertThat(get(port, localToken(claims -> claims.issuer("https://evil.example.org")))).isEqualTo(401);
            assertThat(get(port, localToken(claims -> claims.issuer(null)))).isEqualTo(401);
            assertThat(get(port, localToken(claims -> claims.audience("another-api")))).isEqualTo(401);
            assertThat(get(port, localToken(claims -> claims.audience((String) null)))).isEqualTo(401);
            assertThat(tickets.received()).isEmpty();

            assertThat(get(port, localToken(claims -> { }))).isEqualTo(200);
            assertThat(tickets.received()).hasSize(1);
        }
    }

    @Test
    void refusesIssuerTokensForAnotherAudienceWhenAnAudienceIsConfigured() throws Exception {
        try (IssuerStandIn issuer = new IssuerStandIn(); ServiceStandIn tickets = new ServiceStandIn("tickets");
             ConfigurableApplicationContext gateway = start(
                     "--helpdesk.security.jwt-secret=",
                     "--helpdesk.security.issuer-uri=" + issuer.issuer(),
                     "--helpdesk.security.audience=helpdesk-api",
                     "--helpdesk.gateway.services.tickets.url=" + tickets.url())) {
            int port = ((ReactiveWebServerApplicationContext) gateway).getWebServer().getPort();

            assertThat(get(port, issuer.token("oidc-user", List.of("agent")))).isEqualTo(401);
            assertThat(get(port, issuer.token("oidc-user", List.of("agent"), issuer.issuer(), issuer.signingKey(),
                    "another-api"))).isEqualTo(401);
            assertThat(tickets.received()).isEmpty();
            assertThat(get(port, issuer.token("oidc-user", List.of("agent"), issuer.issuer(), issuer.signingKey(),
                    "helpdesk-api"))).isEqualTo(200);
            assertThat(tickets.received()).hasSize(1);
        }
    }

    private static String localToken(java.util.function.Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> adjust) {
        return TestTokens.token("mallory", List.of("admin"), null, Duration.ofHours(1), TestTokens.SECRET, adjust);
    }

    private static int get(int port, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
