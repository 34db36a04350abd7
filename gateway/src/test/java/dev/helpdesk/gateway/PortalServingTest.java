package dev.helpdesk.gateway;

import dev.helpdesk.gateway.portal.PortalSettings;
import dev.helpdesk.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway serves the portal's files at {@code /} with the strict Content-Security-Policy, and routes the demo
 * sign-in to the address it is given (here a stand-in); the Swagger UI keeps working without that policy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "helpdesk.security.jwt-secret=" + TestTokens.SECRET, "management.server.port=0"})
@AutoConfigureObservability(tracing = false)
class PortalServingTest {

    private static final StandIns services = new StandIns();
    private static final ServiceStandIn signIn = new ServiceStandIn("demo-sign-in");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
        registry.add("helpdesk.gateway.portal.demo-sign-in-url", signIn::url);
    }

    @AfterAll
    static void stop() {
        services.close();
        signIn.close();
    }

    @LocalServerPort
    int port;

    @Test
    void servesThePortalWithAStrictContentSecurityPolicy() {
        var client = GatewayClients.to(port);
        String page = client.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", PortalSettings.DEFAULT_POLICY)
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<script type=\"module\" src=\"/js/app.js\">").doesNotContain("<script>", "style=");
        client.get().uri("/js/app.js").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", PortalSettings.DEFAULT_POLICY);
        client.get().uri("/css/portal.css").exchange().expectStatus().isOk();
        assertThat(PortalSettings.DEFAULT_POLICY).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
    }

    @Test
    void routesTheDemoSignInToTheLaunchersAddress() {
        signIn.forget();
        GatewayClients.to(port).post().uri("/demo/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"alice\"}").exchange().expectStatus().isOk();
        assertThat(signIn.last().path()).isEqualTo("/demo/sign-in");
        GatewayClients.to(port).get().uri("/demo/anything-else").exchange().expectStatus().isNotFound();
    }

    @Test
    void tellsThePortalHowToSignIn() {
        GatewayClients.to(port).get().uri("/portal/sign-in-options").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody()
                .jsonPath("$.demo").isEqualTo(true)
                .jsonPath("$.oidc").doesNotExist();
    }

    @Test
    void swaggerUiIsNotHeldToThePortalsPolicy() {
        GatewayClients.to(port).get().uri("/swagger-ui/index.html").exchange()
                .expectHeader().doesNotExist("Content-Security-Policy");
    }

    @Test
    void refusesAPolicyThatAllowsInlineScriptsOrADemoSignInThatIsNotHttp() {
        assertThatThrownBy(() -> new PortalSettings("script-src 'self' 'unsafe-inline'", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortalSettings("", "file:///etc", "", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PortalSettings(null, null, null, null).demoSignIn()).isFalse();
    }
}
