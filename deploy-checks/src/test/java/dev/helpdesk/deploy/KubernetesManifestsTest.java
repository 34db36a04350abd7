package dev.helpdesk.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 20, Kubernetes: every manifest under deploy/kubernetes parses into the Kubernetes API's types (no unknown
 * field, no unknown kind), each process has probes on its management port's health groups, requests and limits,
 * a Service, a disruption budget, and only the gateway is reachable from outside (Service types, Ingress,
 * NetworkPolicy); kustomizations name files that exist; configuration reaches the processes as variables they read.
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Repository.root().resolve("deploy/kubernetes");
    private static final Set<String> CUSTOM_RESOURCES = Set.of(
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database",
            "kafka.strimzi.io/v1beta2/Kafka", "kafka.strimzi.io/v1beta2/KafkaNodePool");

    private final List<HasMetadata> base = parseAll(KUBERNETES.resolve("base"));

    @Test
    void everyManifestParsesStrictlyIntoTheKubernetesModel() throws IOException {
        List<Path> files = yamlFiles(KUBERNETES);
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (Object document : Repository.yamlDocuments(file)) {
                Map<?, ?> manifest = (Map<?, ?>) document;
                String kind = manifest.get("apiVersion") + "/" + manifest.get("kind");
                if (CUSTOM_RESOURCES.contains(kind)) {
                    assertThat(manifest.get("metadata")).as(file + ": " + kind).isInstanceOf(Map.class);
                    assertThat(manifest.get("spec")).as(file + ": " + kind).isInstanceOf(Map.class);
                    continue;
                }
                HasMetadata parsed = StrictKubernetesYaml.parse(manifest);
                assertThat(parsed.getMetadata().getName()).as(file + ": " + kind).isNotBlank();
            }
        }
    }

    @Test
    void aMisspeltFieldOrAnUnknownKindIsRefused() {
        Map<String, Object> misspelt = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "x"), "spec", Map.of("replica", 2));
        assertThatThrownBy(() -> StrictKubernetesYaml.parse(misspelt)).hasMessageContaining("replica");
        Map<String, Object> oldApi = Map.of("apiVersion", "extensions/v1beta1", "kind", "Ingress", "metadata", Map.of("name", "x"));
        assertThatThrownBy(() -> StrictKubernetesYaml.parse(oldApi)).hasMessageContaining("extensions/v1beta1");
    }

    @Test
    void everyProcessHasADeploymentWithProbesOnItsManagementPortAndRequestsAndLimits() {
        Map<String, Deployment> deployments = byName(Deployment.class);
        assertThat(deployments.keySet()).containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
        deployments.forEach((name, deployment) -> {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> config = configOf(name);
            assertThat(port(container, "http")).as(name).isEqualTo(Integer.parseInt(config.get(Repository.portVariable(name))));
            assertThat(port(container, "management")).as(name)
                    .isEqualTo(Integer.parseInt(config.get(Repository.managementPortVariable(name))));
            assertHealthGroup(name, container.getReadinessProbe(), "/actuator/health/readiness");
            assertHealthGroup(name, container.getLivenessProbe(), "/actuator/health/liveness");
            assertHealthGroup(name, container.getStartupProbe(), "/actuator/health/liveness");

            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            assertThat(requests).as(name).containsKeys("cpu", "memory");
            assertThat(limits).as(name).containsKeys("cpu", "memory");
            assertThat(requests.get("memory").getNumericalAmount()).as(name)
                    .isLessThanOrEqualTo(limits.get("memory").getNumericalAmount());
            // BENCHMARKS.md's footprint: 282-369 MB RSS per service under load; a request below that starves it
            assertThat(requests.get("memory").getNumericalAmount().longValue()).as(name).isGreaterThanOrEqualTo(300L << 20);
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
        });
    }

    @Test
    void everyProcessHasAServiceADisruptionBudgetAndTheCommandTakersAnAutoscaler() {
        Map<String, Deployment> deployments = byName(Deployment.class);
        Map<String, Service> services = byName(Service.class);
        Map<String, PodDisruptionBudget> budgets = byName(PodDisruptionBudget.class);
        deployments.forEach((name, deployment) -> {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).as(name).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(services).as(name).containsKey(name);
            assertThat(podLabels).as(name).containsAllEntriesOf(services.get(name).getSpec().getSelector());
            assertThat(budgets).as(name).containsKey(name);
            assertThat(podLabels).as(name).containsAllEntriesOf(budgets.get(name).getSpec().getSelector().getMatchLabels());
        });
        Map<String, HorizontalPodAutoscaler> autoscalers = byName(HorizontalPodAutoscaler.class);
        assertThat(autoscalers.keySet()).containsExactlyInAnyOrder("gateway", "ticket-service");
        autoscalers.forEach((name, hpa) -> {
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(deployments).containsKey(hpa.getSpec().getScaleTargetRef().getName());
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void onlyTheGatewayIsReachableFromOutside() {
        assertThat(of(Service.class)).allSatisfy(service -> {
            assertThat(service.getSpec().getType()).as(service.getMetadata().getName()).isIn(null, "ClusterIP");
            assertThat(service.getSpec().getExternalIPs()).as(service.getMetadata().getName()).isNullOrEmpty();
        });
        assertThat(of(Ingress.class)).singleElement().satisfies(ingress -> {
            assertThat(ingress.getSpec().getDefaultBackend()).isNull();
            assertThat(ingress.getSpec().getRules()).allSatisfy(rule -> assertThat(rule.getHttp().getPaths())
                    .allSatisfy(path -> {
                        assertThat(path.getBackend().getService().getName()).isEqualTo("gateway");
                        assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
                    }));
        });
        assertThat(of(Deployment.class)).allSatisfy(deployment -> {
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getHostNetwork()).as(deployment.getMetadata().getName()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getContainers()).flatMap(Container::getPorts).extracting(ContainerPort::getHostPort)
                    .as(deployment.getMetadata().getName()).containsOnlyNulls();
        });
    }

    @Test
    void networkPoliciesLetOnlyTheGatewayReachTheServicesAndOnlyMonitoringReachTheManagementPorts() {
        List<NetworkPolicy> policies = of(NetworkPolicy.class);
        assertThat(policies).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        });
        for (NetworkPolicy policy : policies) {
            List<String> selected = selectedProcesses(policy);
            for (NetworkPolicyIngressRule rule : Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())) {
                List<String> ports = rule.getPorts().stream().map(port -> port.getPort().getStrVal()).toList();
                assertThat(rule.getFrom()).as(policy.getMetadata().getName()).isNotEmpty();
                if (ports.equals(List.of("management"))) {
                    assertThat(rule.getFrom()).allSatisfy(peer -> assertThat(namespaceOf(peer)).isEqualTo("monitoring"));
                } else if (selected.equals(List.of("gateway"))) {
                    assertThat(ports).containsExactly("http");
                } else {
                    assertThat(ports).as(policy.getMetadata().getName()).containsExactly("http");
                    assertThat(rule.getFrom()).as(policy.getMetadata().getName()).allSatisfy(peer -> {
                        assertThat(peer.getNamespaceSelector()).isNull();
                        assertThat(peer.getIpBlock()).isNull();
                        assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "gateway"));
                    });
                }
            }
        }
    }

    @Test
    void configurationReachesEachProcessAsVariablesItReadsAndSecretsComeFromSecrets() {
        assertThat(of(Secret.class)).as("no secret values in the repository").isEmpty();
        Map<String, ConfigMap> configMaps = byName(ConfigMap.class);
        for (Deployment deployment : of(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Set<String> read = Repository.variablesReadBy(name);
            List<String> given = new ArrayList<>();
            container.getEnvFrom().forEach(source -> {
                ConfigMap configMap = configMaps.get(source.getConfigMapRef().getName());
                assertThat(configMap).as(name + " reads ConfigMap " + source.getConfigMapRef().getName()).isNotNull();
                given.addAll(configMap.getData().keySet());
            });
            for (EnvVar variable : container.getEnv()) {
                given.add(variable.getName());
                assertThat(variable.getValue()).as(name + ": " + variable.getName() + " comes from a Secret").isNull();
                var secret = variable.getValueFrom().getSecretKeyRef();
                assertThat(secret.getName()).isIn("helpdesk-token", "helpdesk-db-app", "helpdesk-smtp");
                if (secret.getName().equals("helpdesk-smtp")) {
                    // the relay's login, only where the relay wants one: the pod starts without the Secret
                    assertThat(name).isEqualTo("notification-service");
                    assertThat(secret.getOptional()).as(name + ": " + variable.getName()).isTrue();
                }
            }
            assertThat(given).as(name + " is given only variables it reads (application.yml, or " + Repository.ALSO_READ + ")")
                    .allSatisfy(variable -> assertThat(read.contains(variable) || Repository.alsoRead(variable))
                            .as(name + " reads " + variable).isTrue());
            assertThat(given).as(name).contains("HELPDESK_JWT_SECRET");
        }
    }

    @Test
    void postgresAndKafkaAreTheOperatorsResourcesTheConfigurationNames() {
        List<Object> postgres = Repository.yamlDocuments(KUBERNETES.resolve("examples/cloudnative-pg.yaml"));
        List<Object> kafka = Repository.yamlDocuments(KUBERNETES.resolve("examples/strimzi-kafka.yaml"));
        String cluster = nameOfKind(postgres, "Cluster");
        String kafkaCluster = nameOfKind(kafka, "Kafka");
        Map<String, String> services = byName(ConfigMap.class).get("helpdesk-services").getData();
        assertThat(services.get("HELPDESK_DB_HOST")).isEqualTo(cluster + "-rw");
        assertThat(services.get("HELPDESK_KAFKA_BOOTSTRAP")).isEqualTo(kafkaCluster + "-kafka-bootstrap:9092");
        assertThat(configOf("gateway").get("HELPDESK_GATEWAY_DB_URL")).startsWith("jdbc:postgresql://" + cluster + "-rw:5432/");
        // CloudNativePG writes the owner's credentials to <cluster>-app
        assertThat(of(Deployment.class)).flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(v -> v.getValueFrom().getSecretKeyRef().getName())
                .contains(cluster + "-app");
        List<String> databases = new ArrayList<>();
        for (Object document : postgres) {
            Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) document).get("spec");
            if ("Database".equals(((Map<?, ?>) document).get("kind"))) {
                databases.add((String) spec.get("name"));
            } else {
                databases.add((String) ((Map<?, ?>) ((Map<?, ?>) spec.get("bootstrap")).get("initdb")).get("database"));
            }
        }
        List<String> used = new ArrayList<>(Repository.BACKENDS.stream()
                .map(name -> Repository.defaultOf(name, Repository.databaseNameVariable(name))).toList());
        String gatewayDb = configOf("gateway").get("HELPDESK_GATEWAY_DB_URL");
        used.add(gatewayDb.substring(gatewayDb.lastIndexOf('/') + 1));
        assertThat(databases).containsExactlyInAnyOrderElementsOf(used)
                .contains("tickets", "sla", "escalations", "budgets", "webhooks", "notifications", "gateway");
        Repository.BACKENDS.forEach(name -> assertThat(configOf(name).get(Repository.databaseNameVariable(name))).as(name)
                .isEqualTo(Repository.defaultOf(name, Repository.databaseNameVariable(name))));
    }

    @Test
    void theGatewayRoutesToEveryServiceByItsServiceNameAndPort() {
        Map<String, Service> services = byName(Service.class);
        for (String backend : Repository.BACKENDS) {
            int port = services.get(backend).getSpec().getPorts().stream().filter(p -> "http".equals(p.getName()))
                    .findFirst().orElseThrow().getPort();
            assertThat(port).as(backend).isEqualTo(Integer.parseInt(configOf(backend).get(Repository.portVariable(backend))));
            assertThat(configOf("gateway").get(Repository.gatewayUrlVariable(backend))).as("the gateway's route to " + backend)
                    .isEqualTo("http://" + backend + ":" + port);
        }
    }

    @Test
    void everyServiceBehindTheGatewayIsReachableOnlyFromTheGateway() {
        List<NetworkPolicy> policies = of(NetworkPolicy.class);
        for (String backend : Repository.BACKENDS) {
            assertThat(policies).as(backend + "'s http port admitted from the gateway's pods").anySatisfy(policy -> {
                assertThat(selectedProcesses(policy)).contains(backend);
                assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
                    assertThat(rule.getPorts()).extracting(port -> port.getPort().getStrVal()).containsExactly("http");
                    assertThat(rule.getFrom()).allSatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                            .containsExactly(Map.entry("app.kubernetes.io/name", "gateway")));
                });
            });
        }
    }

    @Test
    void notificationServiceMailsToTheRelayItsConfigurationNames() {
        Map<String, String> config = configOf("notification-service");
        assertThat(Repository.variablesReadBy("notification-service")).contains("HELPDESK_SMTP_HOST", "HELPDESK_SMTP_PORT");
        assertThat(config.get("HELPDESK_SMTP_HOST")).as("the organisation's relay, set in an overlay").isNotBlank()
                .isNotEqualTo(Repository.defaultOf("notification-service", "HELPDESK_SMTP_HOST"));
        assertThat(Integer.parseInt(config.get("HELPDESK_SMTP_PORT"))).isBetween(1, 65535);
        assertThat(config).as("a relay outside the cluster: the mails travel encrypted")
                .containsEntry("HELPDESK_SMTP_STARTTLS", "true").containsEntry("HELPDESK_SMTP_STARTTLS_REQUIRED", "true");
    }

    @Test
    void theTrialOverlaySetsEveryProcessToOneReplicaAndEveryTopicToOneReplica() {
        Map<String, Object> trial = Repository.yamlMap(KUBERNETES.resolve("overlays/trial/kustomization.yaml"));
        Map<String, Object> counts = new HashMap<>();
        for (Object replica : (List<?>) trial.get("replicas")) {
            counts.put((String) ((Map<?, ?>) replica).get("name"), ((Map<?, ?>) replica).get("count"));
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
        assertThat(counts.values()).containsOnly(1);
        Map<String, Map<Object, Object>> patched = new HashMap<>();
        for (Object document : Repository.yamlDocuments(KUBERNETES.resolve("overlays/trial/single-node.yaml"))) {
            Map<?, ?> manifest = (Map<?, ?>) document;
            patched.put((String) ((Map<?, ?>) manifest.get("metadata")).get("name"), new HashMap<>((Map<?, ?>) manifest.get("data")));
        }
        byName(ConfigMap.class).forEach((name, configMap) -> configMap.getData().keySet().stream()
                .filter(key -> key.endsWith("_TOPIC_REPLICAS"))
                .forEach(key -> assertThat(patched.get(name)).as("one broker in the trial: " + name + " " + key)
                        .isNotNull().containsEntry(key, "1")));
    }

    @Test
    void everyKustomizationNamesFilesThatExistAndTheOverlayPatchesWhatTheBaseHas() {
        Map<String, Deployment> deployments = byName(Deployment.class);
        for (Path kustomization : kustomizations()) {
            Map<String, Object> content = Repository.yamlMap(kustomization);
            Path dir = kustomization.getParent();
            for (Object resource : (List<?>) content.getOrDefault("resources", List.of())) {
                Path target = dir.resolve((String) resource).normalize();
                assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                        .as(kustomization + " names " + resource).isTrue();
            }
            for (Object patch : (List<?>) content.getOrDefault("patches", List.of())) {
                Object path = ((Map<?, ?>) patch).get("path");
                if (path != null) {
                    assertThat(dir.resolve((String) path)).as(kustomization + " patch").isRegularFile();
                }
            }
            for (Object replica : (List<?>) content.getOrDefault("replicas", List.of())) {
                assertThat(deployments).as(kustomization + " replicas").containsKey((String) ((Map<?, ?>) replica).get("name"));
            }
        }
        assertThat(KUBERNETES.resolve("overlays/trial/kustomization.yaml")).isRegularFile();
    }

    private static void assertHealthGroup(String name, Probe probe, String path) {
        assertThat(probe).as(name + " probe on " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(name).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort()).as(name + ": probes use the management port").isEqualTo(new IntOrString("management"));
    }

    private static int port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name)).getContainerPort();
    }

    private Map<String, String> configOf(String name) {
        return byName(ConfigMap.class).get(name).getData();
    }

    private List<String> selectedProcesses(NetworkPolicy policy) {
        var selector = policy.getSpec().getPodSelector();
        List<String> names = new ArrayList<>();
        if (selector.getMatchLabels() != null && selector.getMatchLabels().containsKey("app.kubernetes.io/name")) {
            names.add(selector.getMatchLabels().get("app.kubernetes.io/name"));
        }
        if (selector.getMatchExpressions() != null) {
            selector.getMatchExpressions().forEach(expression -> names.addAll(expression.getValues()));
        }
        return names;
    }

    private static String namespaceOf(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
    }

    private static String nameOfKind(List<Object> documents, String kind) {
        return documents.stream().map(d -> (Map<?, ?>) d).filter(d -> kind.equals(d.get("kind")))
                .map(d -> (String) ((Map<?, ?>) d.get("metadata")).get("name")).findFirst().orElseThrow();
    }

    private <T extends HasMetadata> List<T> of(Class<T> type) {
        return base.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T extends HasMetadata> Map<String, T> byName(Class<T> type) {
        Map<String, T> byName = new LinkedHashMap<>();
        of(type).forEach(resource -> assertThat(byName.put(resource.getMetadata().getName(), resource))
                .as("two " + type.getSimpleName() + "s named " + resource.getMetadata().getName()).isNull());
        return byName;
    }

    /** The base's resources, in the order its kustomization names them. */
    private static List<HasMetadata> parseAll(Path dir) {
        List<HasMetadata> resources = new ArrayList<>();
        Map<String, Object> kustomization = Repository.yamlMap(dir.resolve("kustomization.yaml"));
        for (Object file : (List<?>) kustomization.get("resources")) {
            for (Object document : Repository.yamlDocuments(dir.resolve((String) file))) {
                resources.add(StrictKubernetesYaml.parse((Map<?, ?>) document));
            }
        }
        return resources;
    }

    private static List<Path> kustomizations() {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

}
