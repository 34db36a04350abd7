package dev.helpdesk.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local stack's demo sign-in, for the portal: {@code GET /demo/users} lists the demo users and
 * {@code POST /demo/sign-in {"user": "alice"}} answers {@code {token, expiresAt, user}} with a token from
 * {@link DemoTokens}. It listens on the loopback interface of a free port; the gateway routes {@code /demo/**} here
 * only when started with {@code HELPDESK_GATEWAY_DEMO_SIGN_IN_URL} (the local stack sets it), so the token reaches the
 * browser in a response body, never in a URL. Anyone who reaches the gateway may sign in as a demo user: local only.
 */
public final class DemoSignIn implements AutoCloseable {

    /** One demo user: the same users the launcher prints tokens for. */
    public record DemoUser(String id, String name, List<String> roles, String organizationId) {
    }

    private static final int MAX_BODY = 1024;
    private final ObjectMapper json = new ObjectMapper();
    private final DemoTokens tokens;
    private final Duration lifetime;
    private final AtomicReference<String> contactOrganization = new AtomicReference<>();
    private final HttpServer server;

    private DemoSignIn(DemoTokens tokens, Duration lifetime) throws IOException {
        this.tokens = tokens;
        this.lifetime = lifetime;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/demo/users", this::users);
        server.createContext("/demo/sign-in", this::signIn);
        server.start();
    }

    /** Starts listening on a free loopback port; tokens live {@code lifetime}. */
    public static DemoSignIn start(DemoTokens tokens, Duration lifetime) throws IOException {
        return new DemoSignIn(tokens, lifetime);
    }

    /** What the gateway's {@code HELPDESK_GATEWAY_DEMO_SIGN_IN_URL} must be. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The gateway's environment that routes {@code /demo/**} here. */
    public Map<String, String> gatewayEnvironment() {
        return Map.of("HELPDESK_GATEWAY_DEMO_SIGN_IN_URL", url());
    }

    /** The demo contact belongs to this organisation (known once the demo data exists). */
    public void contactOrganization(String organizationId) {
        contactOrganization.set(organizationId);
    }

    public List<DemoUser> users() {
        List<DemoUser> users = new ArrayList<>();
        String organization = contactOrganization.get();
        if (organization != null) {
            users.add(new DemoUser(DemoData.CONTACT, "Alice (contact of the demo organisation)", List.of("contact"), organization));
        }
        users.add(new DemoUser("demo-agent", "Demo agent", List.of("agent"), null));
        users.add(new DemoUser("demo-manager", "Demo manager (also an agent)", List.of("manager", "agent"), null));
        users.add(new DemoUser("demo-analyst", "Demo analyst", List.of("analyst"), null));
        users.add(new DemoUser("demo-admin", "Demo admin", List.of("admin"), null));
        return users;
    }

    private void users(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                problem(exchange, 405, "Method not allowed", "GET only");
                return;
            }
            send(exchange, 200, Map.of("users", users()));
        }
    }

    private void signIn(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                problem(exchange, 405, "Method not allowed", "POST only");
                return;
            }
            String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
            if (!contentType.startsWith("application/json")) {
                problem(exchange, 415, "Unsupported media type", "Send {\"user\": \"<id>\"} as application/json.");
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    problem(exchange, 413, "Payload too large", "The body holds one user id.");
                    return;
                }
                body = json.readTree(bytes);
            } catch (IOException malformed) {
                problem(exchange, 400, "Malformed request", "The body is not JSON.");
                return;
            }
            String id = body == null ? "" : body.path("user").asText("");
            Optional<DemoUser> user = users().stream().filter(u -> u.id().equals(id)).findFirst();
            if (user.isEmpty()) {
                problem(exchange, 400, "Unknown demo user", "No demo user '" + id + "'; GET /demo/users lists them.");
                return;
            }
            DemoUser demo = user.get();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("token", tokens.token(demo.id(), demo.roles(), demo.organizationId()));
            answer.put("expiresAt", Instant.now().plus(lifetime).toString());
            answer.put("user", demo);
            send(exchange, 200, answer);
        }
    }

    private void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        write(exchange, status, problem);
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        write(exchange, status, body);
    }

    private void write(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
