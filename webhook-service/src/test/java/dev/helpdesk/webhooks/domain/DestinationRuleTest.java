package dev.helpdesk.webhooks.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationRuleTest {

    /** A resolver with fixed answers, as a DNS server would give them (literals resolve to themselves). */
    private static final DestinationRule.Resolver DNS = host -> {
        Map<String, List<String>> zone = Map.of(
                "hooks.example.org", List.of("93.184.216.34"),
                "internal.example.org", List.of("10.1.2.3"),
                "mixed.example.org", List.of("93.184.216.34", "192.168.1.10"),
                "metadata.example.org", List.of("169.254.169.254"));
        if (zone.containsKey(host)) {
            List<InetAddress> addresses = new java.util.ArrayList<>();
            for (String address : zone.get(host)) {
                addresses.add(InetAddress.getByName(address));
            }
            return addresses;
        }
        if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
            return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host);
    };

    private final DestinationRule strict = new DestinationRule(DNS, false, false);

    @Test
    void acceptsHttpsToAPublicHost() {
        assertThat(strict.check("https://hooks.example.org/helpdesk?x=1").accepted()).isTrue();
        assertThat(strict.check("https://93.184.216.34:8443/hook").accepted()).isTrue();
        assertThat(strict.check("https://[2606:2800:220:1:248:1893:25c8:1946]/hook").accepted()).isTrue();
    }

    @Test
    void refusesPlainHttpUnlessAllowed() {
        assertThat(strict.check("http://hooks.example.org/").refusal()).isEqualTo(DestinationRule.Refusal.NOT_HTTPS);
        assertThat(strict.check("ftp://hooks.example.org/").refusal()).isEqualTo(DestinationRule.Refusal.NOT_HTTPS);
        assertThat(new DestinationRule(DNS, true, false).check("http://hooks.example.org/").accepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/", "https://127.8.9.10/", "https://localhost.example/", "https://[::1]/",
            "https://10.0.0.1/", "https://172.16.0.1/", "https://172.31.255.254/", "https://192.168.0.1/",
            "https://169.254.169.254/latest/meta-data", "https://metadata.example.org/", "https://100.64.0.1/",
            "https://0.0.0.0/", "https://[::]/", "https://[fe80::1]/", "https://[fd00::1]/", "https://[fc00::1]/",
            "https://[::ffff:127.0.0.1]/", "https://[::ffff:10.0.0.1]/", "https://224.0.0.1/",
            "https://255.255.255.255/", "https://internal.example.org/", "https://mixed.example.org/"})
    void refusesHostsThatResolveToNonPublicAddresses(String url) {
        DestinationRule.Verdict verdict = strict.check(url.replace("localhost.example", "127.0.0.1"));

        assertThat(verdict.refusal()).as(url).isEqualTo(DestinationRule.Refusal.PRIVATE_ADDRESS);
    }

    @Test
    void theAdminSettingAllowsPrivateAddresses() {
        assertThat(new DestinationRule(DNS, false, true).check("https://127.0.0.1:9999/hook").accepted()).isTrue();
        assertThat(new DestinationRule(DNS, false, true).check("http://127.0.0.1:9999/hook").refusal())
                .isEqualTo(DestinationRule.Refusal.NOT_HTTPS);
    }

    @Test
    void refusesHostsThatDoNotResolve() {
        assertThat(strict.check("https://nowhere.invalid/").refusal()).isEqualTo(DestinationRule.Refusal.UNRESOLVABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "/relative/path", "https:///nohost", "https://user:pw@hooks.example.org/",
            "https://hooks.example.org/#fragment", "mailto:someone@example.org"})
    void refusesMalformedUrlsAsInvalidInput(String url) {
        assertThat(strict.check(url).refusal()).as(url).isEqualTo(DestinationRule.Refusal.MALFORMED);
    }
}
