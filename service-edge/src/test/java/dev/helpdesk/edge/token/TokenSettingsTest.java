package dev.helpdesk.edge.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSettingsTest {

    private static final String OWN_SECRET = "an-operators-own-secret-0123456789-abcdef";

    @Test
    void refusesToRunWithoutAnyWayToCheckTokens() {
        assertThatThrownBy(() -> new TokenSettings("", "", "", "", false).requireSafe(false))
                .hasMessageContaining("HELPDESK_JWT_SECRET").hasMessageContaining("HELPDESK_OIDC_ISSUER_URI");
        assertThatThrownBy(() -> new TokenSettings(null, null, "", "", false).requireSafe(false))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesASecretTooShortForHs256() {
        assertThatThrownBy(() -> new TokenSettings("0123456789012345678901234567890", "", "", "", false).requireSafe(false))
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void refusesTheLocalDemoSecretOutsideTheLocalStack() {
        assertThatThrownBy(() -> new TokenSettings(TokenSettings.LOCAL_DEMO_SECRET, "", "", "", false).requireSafe(false))
                .hasMessageContaining("public demo secret");
    }

    @Test
    void acceptsTheLocalDemoSecretWhereTheLocalStackSaysSoOrInTheLocalProfile() {
        assertThatCode(() -> new TokenSettings(TokenSettings.LOCAL_DEMO_SECRET, "", "", "", true).requireSafe(false))
                .doesNotThrowAnyException();
        assertThatCode(() -> new TokenSettings(TokenSettings.LOCAL_DEMO_SECRET, "", "", "", false).requireSafe(true))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnOwnSecretAnIssuerOrBoth() {
        assertThatCode(() -> new TokenSettings(OWN_SECRET, "", "", "", false).requireSafe(false)).doesNotThrowAnyException();
        assertThatCode(() -> new TokenSettings("", "https://login.example.org/realms/helpdesk", "", "", false).requireSafe(false))
                .doesNotThrowAnyException();
        assertThatCode(() -> new TokenSettings(OWN_SECRET, "https://login.example.org", "", "", false).requireSafe(false))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnIssuerThatIsNotAnHttpAddress() {
        assertThatThrownBy(() -> new TokenSettings("", "file:///etc/keys", "", "", false).requireSafe(false))
                .hasMessageContaining("issuer-uri");
    }
}
