package dev.helpdesk.localstack;

import dev.helpdesk.localstack.StackConfig.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack starts each service so that it listens on the loopback interface only, its management port
 * (actuator) too; only the gateway's public port listens where a portal on another machine reaches it. Checked on
 * both sides: the environment the stack gives each process, and the property each deployable reads it into.
 */
class LoopbackBindingTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final StackConfig config = StackConfig.fromEnvironment(Map.of(), false);

    @Test
    void everyServiceListensOnTheLoopbackInterfaceOnly() throws IOException {
        for (ServiceSpec service : config.services()) {
            if (service.isGateway()) {
                continue;
            }
            Map<String, String> env = config.listeningEnvironment(service);
            Map<String, Object> yaml = applicationYaml(service.name());
            assertThat(env).as(service.name()).containsEntry("HELPDESK_BIND_ADDRESS", "127.0.0.1");
            assertThat(resolve(property(yaml, "server.address"), env)).as(service.name() + " server.address")
                    .isEqualTo("127.0.0.1");
            assertThat(config.url(service)).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void everyManagementPortIsItsOwnAndListensOnTheLoopbackInterfaceOnly() throws IOException {
        for (ServiceSpec service : config.services()) {
            Map<String, String> env = config.listeningEnvironment(service);
            Map<String, Object> yaml = applicationYaml(service.name());
            assertThat(resolve(property(yaml, "management.server.address"), env))
                    .as(service.name() + " management.server.address").isEqualTo("127.0.0.1");
            String managementPort = resolve(property(yaml, "management.server.port"), env);
            assertThat(managementPort).as(service.name() + " management.server.port")
                    .isEqualTo(Integer.toString(service.managementPort()))
                    .isNotEqualTo(resolve(property(yaml, "server.port"), env));
        }
        assertThat(config.services()).extracting(ServiceSpec::managementPort).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(9080, 9081, 9082, 9083, 9084, 9085, 9086);
    }

    @Test
    void theGatewaysPublicPortListensOnEveryInterfaceUnlessTold() throws IOException {
        ServiceSpec gateway = config.gateway();
        Map<String, Object> yaml = applicationYaml("gateway");
        assertThat(resolve(property(yaml, "server.address"), config.listeningEnvironment(gateway))).isEmpty();
        assertThat(config.listeningEnvironment(gateway)).doesNotContainKey("HELPDESK_BIND_ADDRESS");

        StackConfig told = StackConfig.fromEnvironment(Map.of("HELPDESK_GATEWAY_ADDRESS", "192.0.2.10",
                "HELPDESK_BIND_ADDRESS", "::1"), false);
        assertThat(resolve(property(yaml, "server.address"), told.listeningEnvironment(told.gateway())))
                .isEqualTo("192.0.2.10");
        assertThat(told.url(told.gateway())).isEqualTo("http://192.0.2.10:8080");
        assertThat(told.url(told.service("sla-service"))).isEqualTo("http://[::1]:8082");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> applicationYaml(String deployable) throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve(deployable).resolve("src/main/resources/application.yml"))) {
            return (Map<String, Object>) new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static String property(Map<String, Object> yaml, String dotted) {
        Object node = yaml;
        for (String key : dotted.split("\\.")) {
            node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        assertThat(node).as(dotted).isNotNull();
        return String.valueOf(node);
    }

    /** Resolves {@code ${NAME:default}} placeholders, nested ones too, as Spring does against the environment. */
    static String resolve(String value, Map<String, String> env) {
        int start = value.lastIndexOf("${");
        if (start < 0) {
            return value;
        }
        int end = value.indexOf('}', start);
        String inner = value.substring(start + 2, end);
        int colon = inner.indexOf(':');
        String name = colon < 0 ? inner : inner.substring(0, colon);
        String replacement = env.containsKey(name) ? env.get(name) : colon < 0 ? "" : inner.substring(colon + 1);
        return resolve(value.substring(0, start) + replacement + value.substring(end + 1), env);
    }
}
