package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml (and any file in deploy/) keeps the services out of reach from outside: only the gateway's
 * public port is published; no service, no management port, no database or broker port is.
 */
class DeploymentExposureTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("ticket-service", "sla-service", "escalation-service",
            "budget-service");

    @Test
    void composePublishesOnlyTheGatewaysPublicPort() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        services.forEach((name, service) -> {
            assertThat(service).as(name + " shares the host's network").doesNotContainKey("network_mode");
            if (!name.equals("gateway")) {
                assertThat(service).as(name + " publishes a port").doesNotContainKey("ports");
            }
        });
        List<?> gatewayPorts = (List<?>) services.get("gateway").get("ports");
        assertThat(gatewayPorts).hasSize(1);
        String mapping = String.valueOf(gatewayPorts.get(0));
        String containerPort = mapping.substring(mapping.lastIndexOf(':') + 1);
        assertThat(containerPort).as("the gateway's published container port").isEqualTo(environment(services, "gateway").get("GATEWAY_PORT"));
        assertThat(containerPort).isNotEqualTo(environment(services, "gateway").get("HELPDESK_GATEWAY_MANAGEMENT_PORT"));
    }

    @Test
    void composeProbesReadinessOnEachManagementPortWhichIsNotTheApisPort() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        for (String name : Stream.concat(SERVICES.stream(), Stream.of("gateway")).toList()) {
            Map<String, Object> yaml = LoopbackBindingTest.applicationYaml(name);
            Map<String, String> env = environment(services, name);
            String apiPort = LoopbackBindingTest.resolve(LoopbackBindingTest.property(yaml, "server.port"), env);
            String managementPort = LoopbackBindingTest.resolve(LoopbackBindingTest.property(yaml, "management.server.port"), env);
            assertThat(managementPort).as(name).isNotEqualTo(apiPort);
            @SuppressWarnings("unchecked")
            Map<String, Object> healthcheck = (Map<String, Object>) services.get(name).get("healthcheck");
            assertThat(String.valueOf(healthcheck.get("test"))).as(name + " healthcheck")
                    .contains("/dev/tcp/localhost/" + managementPort + " ").contains("/actuator/health/readiness");
        }
    }

    @Test
    void deployHoldsNoOtherDeploymentThatCouldPublishAPort() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("deploy"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> ROOT.resolve("deploy").relativize(p).toString()))
                    .as("deploy/ holds only the database script; a new deployment file needs a check here")
                    .containsExactly("create-databases.sql");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Map<String, Object>> services, String name) {
        Map<String, Object> env = (Map<String, Object>) services.get(name).get("environment");
        Map<String, String> strings = new java.util.LinkedHashMap<>();
        env.forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }
}
