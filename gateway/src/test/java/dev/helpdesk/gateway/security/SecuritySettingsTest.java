package dev.helpdesk.gateway.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySettingsTest {

    private static final String OWN_SECRET = "an-operators-own-secret-0123456789-abcdef";

    @Test
    void refusesToRunWithoutAnyWayToCheckTokens() {
        assertThatThrownBy(() -> new SecuritySettings("", "", false).requireSafe(false))
                .hasMessageContaining("HELPDESK_JWT_SECRET").hasMessageContaining("HELPDESK_OIDC_ISSUER_URI");
        assertThatThrownBy(() -> new SecuritySettings(null, null, false).requireSafe(false))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesASecretTooShortForHs256() {
        assertThatThrownBy(() -> new SecuritySettings("0123456789012345678901234567890", "", false).requireSafe(false))
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void refusesTheLocalDemoSecretOutsideTheLocalStack() {
        assertThatThrownBy(() -> new SecuritySettings(SecuritySettings.LOCAL_DEMO_SECRET, "", false).requireSafe(false))
                .hasMessageContaining("public demo secret");
    }

    @Test
    void acceptsTheLocalDemoSecretWhereTheLocalStackSaysSoOrInTheLocalProfile() {
        assertThatCode(() -> new SecuritySettings(SecuritySettings.LOCAL_DEMO_SECRET, "", true).requireSafe(false))
                .doesNotThrowAnyException();
        assertThatCode(() -> new SecuritySettings(SecuritySettings.LOCAL_DEMO_SECRET, "", false).requireSafe(true))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnOwnSecretAnIssuerOrBoth() {
        assertThatCode(() -> new SecuritySettings(OWN_SECRET, "", false).requireSafe(false)).doesNotThrowAnyException();
        assertThatCode(() -> new SecuritySettings("", "https://login.example.org/realms/helpdesk", false).requireSafe(false))
                .doesNotThrowAnyException();
        assertThatCode(() -> new SecuritySettings(OWN_SECRET, "https://login.example.org", false).requireSafe(false))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnIssuerThatIsNotAnHttpAddress() {
        assertThatThrownBy(() -> new SecuritySettings("", "file:///etc/keys", false).requireSafe(false))
                .hasMessageContaining("issuer-uri");
    }
}
