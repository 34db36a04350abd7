package dev.helpdesk.browsertests;

import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in against a real issuer (mock-oauth2-server, started with the stack by {@link PortalStack}):
 * the portal runs the authorization code flow with PKCE in the page, the gateway and the services accept the issuer's
 * token, the code never stays in the address bar, the token never reaches localStorage, and signing out forgets it.
 * An answer that belongs to no sign-in started in the tab (a forged state) is refused with the portal's own message.
 */
@ExtendWith(PortalStack.class)
class OidcSignInTest {

    @BeforeEach
    void issuerRuns() {
        assertThat(PortalStack.issuer())
                .as("the OIDC issuer is started by PortalStack (not against -Dhelpdesk.browser-tests.gateway)").isNotNull();
    }

    @Test
    void anAgentSignsInAtTheIssuerWorksInTheQueueAndSignsOut() {
        PortalStack.issuer().enqueueCallback(new DefaultOAuth2TokenCallback(PortalStack.ISSUER_ID, "oidc-agent-1", "JWT",
                List.of("helpdesk-api"), Map.of("roles", List.of("agent"), "name", "Olga Oidc",
                "email", "olga@hosting.example"), 3600));
        try (Portal agent = Portal.open()) {
            agent.driver.get(PortalStack.portalUrl());
            agent.click(By.id("oidc-sign-in"));
            agent.waitFor(By.id("sign-out"), Duration.ofSeconds(30));

            assertThat(agent.driver.getCurrentUrl()).doesNotContain("code=").doesNotContain("state=")
                    .startsWith(PortalStack.portalUrl());
            assertThat(agent.script("return window.localStorage.length")).isEqualTo(0L);
            assertThat(agent.script("return sessionStorage.getItem('helpdesk.oidc.pending')")).isNull();
            String token = (String) agent.script("return JSON.parse(sessionStorage.getItem('helpdesk.session')).token");
            assertThat(claims(agent, token)).containsEntry("iss", PortalStack.issuerUrl()).containsEntry("sub", "oidc-agent-1");
            assertThat(agent.waitFor(By.id("signed-in-user")).getText()).isEqualTo("Olga Oidc (agent)");

            // the issuer's token goes through the gateway to the services: the agent's queue loads, without a problem
            agent.go("#/queue");
            agent.waitFor(By.id("filter-status"), Duration.ofSeconds(30));
            agent.waitFor(By.xpath("//table[contains(@class,'queue')] | //p[text()='No tickets match.']"),
                    Duration.ofSeconds(30));
            assertThat(agent.driver.findElements(By.cssSelector("[role=alert].problem"))).isEmpty();

            agent.click(By.id("sign-out"));
            agent.waitFor(By.id("oidc-sign-in"));
            assertThat(agent.script("return sessionStorage.getItem('helpdesk.session')")).isNull();
        }
    }

    @Test
    void anAnswerThatBelongsToNoSignInStartedHereIsRefused() {
        try (Portal stranger = Portal.open()) {
            stranger.driver.get(PortalStack.portalUrl() + "?code=stolen-code&state=forged-state");
            String problem = stranger.waitFor(By.cssSelector("#sign-in-status [role=alert]")).getText();

            assertThat(problem).contains("Sign-in not recognised").doesNotContain("Something went wrong");
            assertThat(stranger.driver.getCurrentUrl()).doesNotContain("stolen-code");
            assertThat(stranger.script("return sessionStorage.getItem('helpdesk.session')")).isNull();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(Portal portal, String token) {
        return (Map<String, Object>) portal.script(
                "return JSON.parse(atob(arguments[0].split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))", token);
    }
}
