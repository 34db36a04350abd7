package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackConfigTest {

    @Test
    void defaultsAreTheDocumentedPorts() {
        StackConfig config = StackConfig.fromEnvironment(Map.of(), true);
        assertThat(config.gateway().port()).isEqualTo(8080);
        assertThat(config.service("ticket-service").port()).isEqualTo(8081);
        assertThat(config.dbPort()).isEqualTo(15432);
        assertThat(config.kafkaBootstrap()).isEqualTo("localhost:19092");
        assertThat(config.jwtSecret()).isEqualTo(StackConfig.LOCAL_DEMO_SECRET);
    }

    @Test
    void classDataSharingLivesInTheDataDirectoryUnlessHelpdeskCdsDirNamesAnotherOne() {
        StackConfig own = StackConfig.fromEnvironment(Map.of("HELPDESK_DATA_DIR", "/tmp/stack-a"), false);
        assertThat(own.cdsDir()).isEqualTo(java.nio.file.Path.of("/tmp/stack-a/cds"));
        StackConfig shared = StackConfig.fromEnvironment(Map.of("HELPDESK_DATA_DIR", "/tmp/stack-b",
                "HELPDESK_CDS_DIR", "/tmp/shared/../shared-cds"), false);
        assertThat(shared.cdsDir()).isEqualTo(java.nio.file.Path.of("/tmp/shared-cds"));
        assertThat(shared.only(java.util.Set.of("sla-service")).cdsDir()).isEqualTo(shared.cdsDir());
    }

    @Test
    void environmentOverridesPortsAndSecret() {
        StackConfig config = StackConfig.fromEnvironment(Map.of("HELPDESK_GATEWAY_PORT", "9090", "HELPDESK_JWT_SECRET", "x".repeat(40)), false);
        assertThat(config.gateway().port()).isEqualTo(9090);
        assertThat(config.jwtSecret()).hasSize(40);
        assertThat(config.demoData()).isFalse();
    }

    @Test
    void aPortsFormerVariableIsStillReadAndTheCurrentOneWins() {
        StackConfig former = StackConfig.fromEnvironment(Map.of("SLA_SERVICE_PORT", "9182"), false);
        StackConfig both = StackConfig.fromEnvironment(Map.of("SLA_SERVICE_PORT", "9182", "HELPDESK_SLA_PORT", "9282"), false);
        StackConfig.ServiceSpec sla = former.services().stream().filter(s -> s.name().equals("sla-service")).findFirst().orElseThrow();
        assertThat(sla.port()).isEqualTo(9182);
        // the service is given the current name, which its application.yml reads first
        assertThat(former.listeningEnvironment(sla)).containsEntry("HELPDESK_SLA_PORT", "9182").doesNotContainKey("SLA_SERVICE_PORT");
        assertThat(both.services().stream().filter(s -> s.name().equals("sla-service")).findFirst().orElseThrow().port())
                .isEqualTo(9282);
        assertThat(StackConfig.gatewayRouteVariable(sla)).isEqualTo("HELPDESK_GATEWAY_SLA_URL");
    }

    @Test
    void theStackNamesTheIssuerAndAudienceItsTokensCarryAndEveryServiceChecks() throws Exception {
        StackConfig defaults = StackConfig.fromEnvironment(Map.of(), false);
        assertThat(defaults.tokenIssuer()).isEqualTo(StackConfig.LOCAL_ISSUER);
        assertThat(defaults.tokenAudience()).isEqualTo(StackConfig.LOCAL_AUDIENCE);
        StackConfig own = StackConfig.fromEnvironment(
                Map.of("HELPDESK_SECURITY_ISSUER", "https://login.example.org", "HELPDESK_SECURITY_AUDIENCE", "desk"), false);
        assertThat(own.tokenIssuer()).isEqualTo("https://login.example.org");
        assertThat(own.tokenAudience()).isEqualTo("desk");

        JWTClaimsSet claims = SignedJWT.parse(new DemoTokens(own.jwtSecret(), own.tokenIssuer(), own.tokenAudience(),
                Duration.ofHours(1)).token("demo-agent", List.of("agent"), null)).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("https://login.example.org");
        assertThat(claims.getAudience()).containsExactly("desk");
        assertThat(claims.getExpirationTime()).isAfter(new Date());
    }

    @Test
    void theVariablesTheLauncherGivesAServiceAreTheOnesItsApplicationYmlReads() throws Exception {
        String gateway = applicationYmlOf("gateway");
        for (StackConfig.ServiceSpec service : StackConfig.fromEnvironment(Map.of(), false).services()) {
            String yml = applicationYmlOf(service.name());
            assertThat(yml).as(service.name()).contains("${" + service.portVariable() + ":");
            if (!service.isGateway()) {
                assertThat(yml).as(service.name()).contains("${" + StackConfig.minimumIdleVariable(service) + ":");
                assertThat(gateway).as(service.name()).contains("${" + StackConfig.gatewayRouteVariable(service) + ":");
            }
        }
    }

    private static String applicationYmlOf(String deployable) throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("..", deployable, "src/main/resources/application.yml"));
    }

    @Test
    void refusesAPortThatIsNotANumberNamingTheVariable() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("HELPDESK_SLA_PORT", "80a"), true))
                .hasMessageContaining("HELPDESK_SLA_PORT").hasMessageContaining("80a");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("SLA_SERVICE_PORT", "80a"), true))
                .hasMessageContaining("SLA_SERVICE_PORT").hasMessageContaining("80a");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("HELPDESK_DB_PORT", "70000"), true))
                .hasMessageContaining("HELPDESK_DB_PORT");
    }

    @Test
    void helpdeskServicesRunsOnlyTheNamedServicesAndTheGatewayAndRefusesAnUnknownName() {
        StackConfig config = StackConfig.fromEnvironment(Map.of("HELPDESK_SERVICES", " ticket-service , sla-service"), false);
        assertThat(config.services()).extracting(StackConfig.ServiceSpec::name)
                .containsExactly("ticket-service", "sla-service", "gateway");
        assertThat(StackConfig.fromEnvironment(Map.of("HELPDESK_SERVICES", " "), false).services()).hasSize(7);
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("HELPDESK_SERVICES", "ticket-service,tickets"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HELPDESK_SERVICES").hasMessageContaining("'tickets'").hasMessageContaining("budget-service");
    }
}
