package dev.helpdesk.browsertests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.localstack.DemoSignIn;
import dev.helpdesk.localstack.DemoTokens;
import dev.helpdesk.localstack.FreePorts;
import dev.helpdesk.localstack.Stack;
import dev.helpdesk.localstack.StackConfig;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole stack once for every browser test, as {@code ./run-local.sh} runs it (packaged jars, free ports, a fresh
 * data directory) with the launcher's demo sign-in routed by the gateway, and one organisation whose contact is the
 * demo contact. Stops everything at the end of the run.
 */
public final class PortalStack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static final String SECRET = "browser-test-secret-0123456789-0123456789-abcdef";
    private static Stack stack;
    private static DemoSignIn signIn;
    private static DemoTokens tokens;
    private static String organizationId;
    /** A real OIDC issuer, trusted by the gateway and the services, where the portal's OIDC sign-in goes. */
    private static MockOAuth2Server issuer;
    static final String ISSUER_ID = "helpdesk";
    private static final java.util.Set<String> PORTAL_SERVICES =
            java.util.Set.of("ticket-service", "sla-service", "escalation-service", "budget-service");
    static final String PORTAL_CLIENT_ID = "helpdesk-portal";
    /** While working on the portal: the gateway of a running {@code ./run-local.sh} instead of a fresh stack. */
    private static final String RUNNING_GATEWAY = System.getProperty("helpdesk.browser-tests.gateway", "");
    private static boolean started;
    private static Throwable startFailure;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (startFailure != null) {
            throw new IllegalStateException("The stack did not start for an earlier test class", startFailure);
        }
        if (started) {
            return;
        }
        started = true;
        if (!RUNNING_GATEWAY.isBlank()) {
            return;
        }
        try {
            startStack(context);
        } catch (Exception | Error e) {
            startFailure = e;
            throw e;
        }
    }

    private void startStack(ExtensionContext context) throws Exception {
        Path dataDir = Files.createTempDirectory("helpdesk-browser-test");
        Map<String, String> env = new HashMap<>();
        env.put("HELPDESK_HOME", Path.of(System.getProperty("helpdesk.home", "..")).toAbsolutePath().normalize().toString());
        env.put("HELPDESK_DATA_DIR", dataDir.toString());
        // the class-data-sharing archives the system tests recorded (or this stack records them: docs/local-stack.md)
        env.put("HELPDESK_CDS_DIR", Path.of(env.get("HELPDESK_HOME"), "target", "test-cds").toString());
        env.put("HELPDESK_JWT_SECRET", SECRET);
        env.putAll(FreePorts.environment());
        env.put("HELPDESK_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        tokens = new DemoTokens(SECRET, Duration.ofHours(2));
        signIn = DemoSignIn.start(tokens, Duration.ofHours(2));
        issuer = new MockOAuth2Server();
        // not one of the stack's ports: each probe releases its port
        issuer.start(InetAddress.getByName("127.0.0.1"),
                FreePorts.notIn(env.values().stream().filter(v -> v.matches("\\d+")).map(Integer::valueOf).toList()));
        Map<String, String> gatewayEnv = new HashMap<>(signIn.gatewayEnvironment());
        gatewayEnv.put("HELPDESK_OIDC_ISSUER_URI", issuerUrl());
        gatewayEnv.put("HELPDESK_GATEWAY_PORTAL_OIDC_CLIENT_ID", PORTAL_CLIENT_ID);
        try {
            // the portal calls the four services behind the gateway; no webhook- or notification-service (each JVM is
            // start-up time on 2 cores, and no page uses them)
            stack = Stack.start(StackConfig.fromEnvironment(env, false).only(PORTAL_SERVICES), line -> System.out.println("[stack] " + line),
                    gatewayEnv);
        } catch (Exception e) {
            signIn.close();
            issuer.shutdown();
            throw e;
        }
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(PortalStack.class.getName(), this);
        organizationId = createOrganization();
        signIn.contactOrganization(organizationId);
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
            signIn.close();
            issuer.shutdown();
            stack = null;
        }
    }

    /** The issuer's address, as the gateway and the services trust it (the {@code iss} of its tokens). */
    static String issuerUrl() {
        return issuer.issuerUrl(ISSUER_ID).toString();
    }

    /** The issuer started for the run (null against an already running gateway). */
    static MockOAuth2Server issuer() {
        return issuer;
    }

    static String portalUrl() {
        return gatewayUrl() + "/";
    }

    static String gatewayUrl() {
        return RUNNING_GATEWAY.isBlank() ? stack.gatewayUrl() : RUNNING_GATEWAY;
    }

    /** The organisation of the demo contact: the one created here, or the running stack's demo organisation. */
    static String organizationId() {
        if (organizationId == null) {
            try {
                HttpResponse<String> users = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gatewayUrl() + "/demo/users")).build(), HttpResponse.BodyHandlers.ofString());
                organizationId = new ObjectMapper().readTree(users.body()).path("users").path(0).path("organizationId").asText();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return organizationId;
    }

    static String adminToken() {
        return tokens.token("demo-admin", List.of("admin"), null);
    }

    private static String createOrganization() throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        LocalDate today = LocalDate.now();
        JsonNode organization = post(json, "/api/organizations", Map.of(
                "name", "Browser Academy", "plan", "STANDARD", "calendar", "TWENTY_FOUR_SEVEN", "timeZone", "UTC",
                "supportPeriod", Map.of("start", today.minusMonths(1).toString(), "end", today.plusMonths(11).toString()),
                "budget", Map.of("amount", 4000.00, "currency", "EUR", "standardRate", 80.00, "consultancyRate", 120.00)));
        String id = organization.path("id").asText();
        post(json, "/api/organizations/" + id + "/contacts",
                Map.of("userId", "alice", "name", "Alice Admin", "email", "alice@academy.example"));
        awaitKnownByEveryService(id, tokens.token("alice", List.of("contact"), id));
        return id;
    }

    /**
     * Waits until each service behind the portal has consumed the new contact (each keeps its own membership
     * projection, fed from Kafka, and refuses a contact it does not know yet with 403 {@code not-a-contact}).
     */
    private static void awaitKnownByEveryService(String organizationId, String contactToken) {
        HttpClient client = HttpClient.newHttpClient();
        for (String probe : List.of("/api/organizations/" + organizationId, "/api/sla/tickets/" + java.util.UUID.randomUUID(),
                "/api/escalations/tickets/" + java.util.UUID.randomUUID(), "/api/budgets/" + organizationId)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25)).until(() -> {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + probe))
                        .header("Authorization", "Bearer " + contactToken).build(), HttpResponse.BodyHandlers.ofString());
                return answer.statusCode() != 403 || !answer.body().contains("not-a-contact");
            });
        }
    }

    private static JsonNode post(ObjectMapper json, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
