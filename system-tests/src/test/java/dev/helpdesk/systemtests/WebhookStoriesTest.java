package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 22, point 2, through the gateway: an admin registers a webhook per organisation; a receiver on this machine
 * (the local stack allows private addresses) gets its organisation's events signed per Standard Webhooks, never another
 * organisation's and never an internal note.
 */
@ExtendWith(RunningSystem.class)
class WebhookStoriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("helpdesk.ticket.opened.v1", "helpdesk.ticket.comment-added.v1");

    private final Scenario scenario = new Scenario();
    private final Api api = scenario.api;

    /** What the receiver got: the event body and whether its signature verified with the endpoint's secret. */
    record Delivery(JsonNode event, boolean signed) {
    }

    @Test
    void anOrganisationsWebhookGetsItsOwnSignedEventsOnly() throws Exception {
        String ours = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        String theirs = scenario.registerOrganization("STANDARD", "BUSINESS_HOURS", "Europe/London");
        String contact = scenario.addContact(ours, "hooked-" + UUID.randomUUID());
        String stranger = scenario.addContact(theirs, "other-" + UUID.randomUUID());
        Map<String, String> secrets = new ConcurrentHashMap<>();
        Map<String, List<Delivery>> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean signed = verifies(secrets.get(path), exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body);
            received.computeIfAbsent(path, p -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(new Delivery(JSON.readTree(body), signed));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
            String ourHook = register(base + "/ours", ours, secrets, "/ours");
            register(base + "/theirs", theirs, secrets, "/theirs");
            assertThat(api.get("/api/webhooks", scenario.agent).status()).isEqualTo(403);
            assertThat(api.get("/api/webhooks", contact).status()).isEqualTo(403);

            String mine = scenario.openTicket(contact, ours, "INCIDENT", "S3").path("id").asText();
            Api.Response note = api.post("/api/tickets/" + mine + "/comments", scenario.agent,
                    Map.of("body", "Internal: their admin is on leave", "visibility", "INTERNAL"));
            assertThat(note.status()).as(note.toString()).isEqualTo(201);
            Api.Response reply = api.post("/api/tickets/" + mine + "/comments", scenario.agent,
                    Map.of("body", "We are looking into it", "visibility", "PUBLIC"));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            String foreign = scenario.openTicket(stranger, theirs, "INCIDENT", "S3")
                    .path("id").asText();

            await().atMost(Duration.ofSeconds(60)).until(() -> received.getOrDefault("/ours", List.of()).size() >= 2
                    && !received.getOrDefault("/theirs", List.of()).isEmpty());
            List<Delivery> ourDeliveries = List.copyOf(received.get("/ours"));
            assertThat(ourDeliveries).allSatisfy(d -> assertThat(d.signed()).isTrue());
            assertThat(ourDeliveries).extracting(d -> d.event().path("data").path("ticketId").asText()).containsOnly(mine);
            assertThat(ourDeliveries).extracting(d -> d.event().path("type").asText())
                    .containsExactly("helpdesk.ticket.opened.v1", "helpdesk.ticket.comment-added.v1");
            assertThat(ourDeliveries.get(1).event().path("data").path("visibility").asText()).isEqualTo("PUBLIC");
            assertThat(received.get("/theirs")).extracting(d -> d.event().path("data").path("ticketId").asText())
                    .containsOnly(foreign);

            Api.Response log = api.get("/api/webhooks/" + ourHook + "/deliveries", scenario.admin);
            assertThat(log.status()).as(log.toString()).isEqualTo(200);
            assertThat(log.json().path("items")).allSatisfy(line -> assertThat(line.path("state").asText()).isEqualTo("DELIVERED"));
        } finally {
            receiver.stop(0);
        }
    }

    private String register(String url, String organizationId, Map<String, String> secrets, String path) {
        Api.Response created = api.post("/api/webhooks", scenario.admin,
                Map.of("url", url, "eventTypes", TYPES, "organizationId", organizationId));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        secrets.put(path, created.json().path("secret").asText());
        return created.json().path("id").asText();
    }

    private static boolean verifies(String secret, String id, String timestamp, String signatures, String body) {
        if (secret == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return Arrays.asList(signatures.split(" ")).contains(expected);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
