package dev.helpdesk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 20, a docker-compose.yml that runs: after Compose's interpolation it is valid against the Compose
 * Specification's JSON schema (vendored: src/test/resources/compose-spec/SOURCE.md); it holds PostgreSQL, Kafka,
 * the seven processes from the images Maven builds and an SMTP catcher (mailpit) for notification-service; only the
 * gateway's public port is published, besides mailpit's web UI on loopback; every process is health-checked on its
 * management port's readiness group and started after what it needs; the secret is required; and every variable it
 * sets is one the process reads.
 */
class ComposeFileTest {

    private static final Path ROOT = Repository.root();
    private static final Map<String, String> USER_ENVIRONMENT = Map.of(
            "HELPDESK_JWT_SECRET", "a-secret-of-at-least-32-bytes-0123456789-abcdef");
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*):\\?[^}]+}");
    /** The SMTP catcher of the local stack: where notification-service's mails go, its web UI on loopback only. */
    private static final String MAIL_CATCHER = "mailpit";
    private static final String MAIL_CATCHER_SMTP_PORT = "1025";
    private static final String MAIL_CATCHER_UI_PORT = "8025";

    private final Map<String, Object> raw = Repository.yamlMap(ROOT.resolve("docker-compose.yml"));
    @SuppressWarnings("unchecked")
    private final Map<String, Object> compose = (Map<String, Object>) ComposeInterpolation.interpolate(raw, USER_ENVIRONMENT::get);

    @Test
    void isValidAgainstTheComposeSpecification() {
        JsonNode document = new ObjectMapper().valueToTree(compose);
        {
            // loaded from its classpath location, against which the schema's relative $id resolves
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                    .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
            Set<ValidationMessage> errors = schema.validate(document);
            assertThat(errors).as("docker-compose.yml against the Compose Specification").isEmpty();

            // the schema is really applied: a misspelt key is an error
            Map<String, Object> broken = new LinkedHashMap<>(compose);
            broken.put("servces", Map.of());
            assertThat(schema.validate(new ObjectMapper().valueToTree(broken))).isNotEmpty();
        }
    }

    @Test
    void theSecretIsRequiredAndHasNoDefault() {
        Matcher required = REQUIRED.matcher(Repository.read(ROOT.resolve("docker-compose.yml")));
        Set<String> names = new java.util.TreeSet<>();
        while (required.find()) {
            names.add(required.group(1));
        }
        assertThat(names).containsExactly("HELPDESK_JWT_SECRET");
        assertThatThrownBy(() -> ComposeInterpolation.interpolate(raw, name -> null))
                .isInstanceOf(ComposeInterpolation.MissingVariableException.class)
                .hasMessageContaining("HELPDESK_JWT_SECRET");
        assertThat(environment("gateway").get("HELPDESK_JWT_SECRET")).isEqualTo(USER_ENVIRONMENT.get("HELPDESK_JWT_SECRET"));
        Repository.SERVICES.forEach(name -> assertThat(environment(name).get("HELPDESK_JWT_SECRET")).as(name)
                .isEqualTo(USER_ENVIRONMENT.get("HELPDESK_JWT_SECRET")));
    }

    @Test
    void runsPostgresKafkaAMailCatcherAndTheSevenProcessesFromTheImagesMavenBuilds() {
        assertThat(services().keySet()).containsExactlyInAnyOrder("postgres", "kafka", MAIL_CATCHER, "ticket-service",
                "sla-service", "escalation-service", "budget-service", "webhook-service", "notification-service", "gateway");
        assertThat(services().keySet()).containsAll(Repository.SERVICES);
        assertThat(String.valueOf(service(MAIL_CATCHER).get("image"))).as("a well-known SMTP catcher, its version pinned")
                .matches("axllent/mailpit:v\\d+\\.\\d+(\\.\\d+)?");
        String version = projectVersion();
        for (String name : Repository.SERVICES) {
            assertThat(service(name)).as(name + " runs the image, never a local build").doesNotContainKey("build");
            assertThat(service(name).get("image")).as(name).isEqualTo("helpdesk/" + name + ":" + version);
        }
        assertThat(Repository.read(ROOT.resolve("pom.xml"))).as("the image name the poms give spring-boot:build-image")
                .contains("<name>helpdesk/${project.artifactId}:${project.version}</name>");
    }

    @Test
    void publishesOnlyTheGatewaysPublicPort() {
        services().forEach((name, service) -> {
            assertThat(service).as(name + " shares the host's network").doesNotContainKey("network_mode");
            if (!name.equals("gateway") && !name.equals(MAIL_CATCHER)) {
                assertThat(service).as(name + " publishes a port").doesNotContainKey("ports").doesNotContainKey("expose");
            }
        });
        // the mail catcher's web UI, on loopback only (mails hold personal data); its SMTP port stays on the network
        assertThat(service(MAIL_CATCHER)).doesNotContainKey("expose");
        assertThat((List<?>) service(MAIL_CATCHER).get("ports")).map(String::valueOf)
                .containsExactly("127.0.0.1:" + MAIL_CATCHER_UI_PORT + ":" + MAIL_CATCHER_UI_PORT);
        List<?> ports = (List<?>) service("gateway").get("ports");
        assertThat(ports).hasSize(1);
        String mapping = String.valueOf(ports.get(0));
        assertThat(mapping.substring(mapping.lastIndexOf(':') + 1)).isEqualTo(environment("gateway").get("HELPDESK_GATEWAY_PORT"))
                .isNotEqualTo(environment("gateway").get("HELPDESK_GATEWAY_MANAGEMENT_PORT"));
    }

    @Test
    void everyProcessIsCheckedOnItsManagementPortsReadinessAndStartsAfterWhatItNeeds() {
        for (String name : Repository.SERVICES) {
            Map<String, String> env = environment(name);
            assertThat(env.get(Repository.portVariable(name))).as(name).isEqualTo(Repository.defaultOf(name, Repository.portVariable(name)));
            String management = env.get(Repository.managementPortVariable(name));
            assertThat(management).as(name).isNotEqualTo(env.get(Repository.portVariable(name)));
            Map<?, ?> healthcheck = (Map<?, ?>) service(name).get("healthcheck");
            assertThat(healthcheck.get("test")).as(name).isEqualTo(List.of("CMD", "/workspace/health-check"));
            assertThat(env.get("THC_PORT")).as(name + ": the health checker asks the management port").isEqualTo(management);
            assertThat(env.get("THC_PATH")).as(name).isEqualTo("/actuator/health/readiness");
            Map<?, ?> dependsOn = (Map<?, ?>) service(name).get("depends_on");
            List<String> needs = switch (name) {
                case "gateway" -> Stream.concat(Stream.of("postgres"), Repository.BACKENDS.stream()).toList();
                case "notification-service" -> List.of("postgres", "kafka", MAIL_CATCHER);
                default -> List.of("postgres", "kafka");
            };
            assertThat(dependsOn.keySet().stream().map(String::valueOf).toList()).as(name).containsExactlyInAnyOrderElementsOf(needs);
            dependsOn.values().forEach(condition -> assertThat(((Map<?, ?>) condition).get("condition")).isEqualTo("service_healthy"));
        }
        assertThat(service("postgres")).containsKey("healthcheck");
        assertThat(service("kafka")).containsKey("healthcheck");
        assertThat(((Map<?, ?>) service(MAIL_CATCHER).get("healthcheck")).get("test")).isEqualTo(List.of("CMD", "/mailpit", "readyz"));
    }

    @Test
    void everyVariableSetIsOneTheProcessReads() {
        for (String name : Repository.SERVICES) {
            Set<String> read = Repository.variablesReadBy(name);
            assertThat(environment(name).keySet()).as(name + " is given only variables it reads (application.yml, or "
                            + Repository.ALSO_READ + ")")
                    .allSatisfy(variable -> assertThat(read.contains(variable) || Repository.alsoRead(variable))
                            .as(name + " reads " + variable).isTrue());
        }
        for (String backend : Repository.BACKENDS) {
            assertThat(environment("gateway").get(Repository.gatewayUrlVariable(backend))).as("the gateway's route to " + backend)
                    .isEqualTo("http://" + backend + ":" + environment(backend).get(Repository.portVariable(backend)));
        }
        assertThat(environment("gateway").get("HELPDESK_GATEWAY_TICKETS_URL")).isEqualTo("http://ticket-service:8081");
        assertThat(environment("notification-service")).as("notification-service mails to the SMTP catcher")
                .containsEntry("HELPDESK_SMTP_HOST", MAIL_CATCHER).containsEntry("HELPDESK_SMTP_PORT", MAIL_CATCHER_SMTP_PORT);
        assertThat(environment("gateway").get("HELPDESK_GATEWAY_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/gateway");
    }

    @Test
    void theDatabaseScriptCreatesEveryDatabaseAProcessUses() {
        String script = Repository.read(ROOT.resolve("deploy/create-databases.sql"));
        for (String name : Repository.BACKENDS) {
            assertThat(script).as(name).contains("CREATE DATABASE " + Repository.defaultOf(name, Repository.databaseNameVariable(name)) + ";");
        }
        String gatewayUrl = environment("gateway").get("HELPDESK_GATEWAY_DB_URL");
        assertThat(script).contains("CREATE DATABASE " + gatewayUrl.substring(gatewayUrl.lastIndexOf('/') + 1) + ";");
    }

    @Test
    void deployHoldsOnlyFilesTheseChecksRead() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("deploy"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> ROOT.resolve("deploy").relativize(p).toString()))
                    .as("a new kind of deployment file needs a check in deploy-checks")
                    .allSatisfy(file -> assertThat(file.equals("create-databases.sql")
                            || file.startsWith("kubernetes/") && file.endsWith(".yaml")
                            || file.startsWith("observability/")).as(file).isTrue());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private Map<String, Object> service(String name) {
        return services().get(name);
    }

    private Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<?, ?>) service(name).get("environment")).forEach((key, value) -> env.put(String.valueOf(key), String.valueOf(value)));
        return env;
    }

    private static String projectVersion() {
        Matcher version = Pattern.compile("<artifactId>helpdesk-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Repository.read(ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }
}
