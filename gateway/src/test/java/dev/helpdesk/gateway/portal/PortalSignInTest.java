package dev.helpdesk.gateway.portal;

import dev.helpdesk.edge.token.TokenSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which sign-in the portal offers, and what the default Content-Security-Policy then lets the page call. */
class PortalSignInTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-0123456789";

    @Test
    void offersOidcOnlyWithAnIssuerAndAClientIdAndLetsThePageCallTheIssuer() {
        PortalSignIn signIn = new PortalSignIn(new PortalSettings("", "", "helpdesk-portal", ""),
                new TokenSettings("", "https://login.example.org/realms/helpdesk", "", "helpdesk-api", false));

        assertThat(signIn.oidc()).isTrue();
        assertThat(signIn.options()).containsEntry("demo", false).containsEntry("oidc", Map.of(
                "issuer", "https://login.example.org/realms/helpdesk", "clientId", "helpdesk-portal",
                "scope", "openid profile email"));
        assertThat(signIn.contentSecurityPolicy())
                .contains("connect-src 'self' https://login.example.org;")
                .contains("script-src 'self';", "form-action 'self';");
    }

    @Test
    void withoutAClientIdOrAnIssuerThereIsNoOidcAndThePolicyStaysStrict() {
        PortalSignIn noClient = new PortalSignIn(new PortalSettings("", "http://127.0.0.1:9999", "", ""),
                new TokenSettings("", "https://login.example.org", "", "", false));
        PortalSignIn noIssuer = new PortalSignIn(new PortalSettings("", "", "helpdesk-portal", ""),
                new TokenSettings(SECRET, "", "", "", false));

        assertThat(noClient.oidc()).isFalse();
        assertThat(noClient.options()).containsEntry("demo", true).containsEntry("oidc", null);
        assertThat(noClient.contentSecurityPolicy()).isEqualTo(PortalSettings.DEFAULT_POLICY);
        assertThat(noIssuer.oidc()).isFalse();
        assertThat(noIssuer.contentSecurityPolicy()).isEqualTo(PortalSettings.DEFAULT_POLICY);
    }

    @Test
    void anOperatorsOwnPolicyIsKeptAsWritten() {
        String own = "default-src 'self'; connect-src 'self' https://sso.example.org";
        PortalSignIn signIn = new PortalSignIn(new PortalSettings(own, "", "helpdesk-portal", "openid"),
                new TokenSettings("", "https://login.example.org", "", "", false));

        assertThat(signIn.contentSecurityPolicy()).isEqualTo(own);
        assertThat(signIn.options()).extractingByKey("oidc").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("scope", "openid");
    }

    @Test
    void refusesAScopeWithoutOpenidOrWithQuotesAndAnIssuerThatIsNotHttp() {
        assertThatThrownBy(() -> new PortalSettings("", "", "portal", "profile email"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openid");
        assertThatThrownBy(() -> new PortalSettings("", "", "portal", "openid \"x\""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortalSignIn(new PortalSettings("", "", "portal", ""),
                new TokenSettings("", "ftp://login.example.org", "", "", false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer-uri");
    }
}
