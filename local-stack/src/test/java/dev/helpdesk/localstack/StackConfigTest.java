package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;

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
    void environmentOverridesPortsAndSecret() {
        StackConfig config = StackConfig.fromEnvironment(Map.of("GATEWAY_PORT", "9090", "HELPDESK_JWT_SECRET", "x".repeat(40)), false);
        assertThat(config.gateway().port()).isEqualTo(9090);
        assertThat(config.jwtSecret()).hasSize(40);
        assertThat(config.demoData()).isFalse();
    }

    @Test
    void refusesAPortThatIsNotANumberNamingTheVariable() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("SLA_SERVICE_PORT", "80a"), true))
                .hasMessageContaining("SLA_SERVICE_PORT").hasMessageContaining("80a");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("HELPDESK_DB_PORT", "70000"), true))
                .hasMessageContaining("HELPDESK_DB_PORT");
    }
}
