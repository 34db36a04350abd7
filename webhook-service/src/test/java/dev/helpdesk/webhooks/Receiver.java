package dev.helpdesk.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's server): records every request per path, checks its Standard Webhooks
 * signature against the secret it was given for that path, and answers the statuses it was told to (then 204).
 */
final class Receiver implements AutoCloseable {

    /** One request as received, and whether one of its signatures verified with the path's secret. */
    record Received(String path, String id, String timestamp, String signatures, String contentType, String body,
                    boolean signatureValid, int answered, Instant at) {

        JsonNode json(ObjectMapper mapper) {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> always = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(8);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            boolean valid = verifies(secrets.get(path), id, timestamp, signatures, body);
            int status = nextStatus(path);
            pause();
            synchronized (received) {
                received.add(new Received(path, id, timestamp, signatures,
                        exchange.getRequestHeaders().getFirst("Content-Type"), body, valid, status, Instant.now()));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    /** The next requests to {@code path} are answered these statuses, in order; then 204 again. */
    void answer(String path, Integer... statuses) {
        scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(Arrays.asList(statuses));
    }

    /** Every answer takes this long (a slow receiver). */
    void delay(Duration delay) {
        this.delay = delay;
    }

    private void pause() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void alwaysAnswer(String path, int status) {
        always.put(path, status);
    }

    List<Received> received(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    private int nextStatus(String path) {
        Deque<Integer> queue = scripted.get(path);
        Integer next = queue == null ? null : queue.poll();
        return next != null ? next : always.getOrDefault(path, 204);
    }

    /** As a Standard Webhooks receiver library checks: any of the space-delimited v1 signatures, fresh timestamp. */
    private static boolean verifies(String secret, String id, String timestamp, String signatures, String body) {
        if (secret == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - seconds) > 300) {
            return false;
        }
        try {
            // computed here from the specification, not with the service's signer
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + java.util.Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + seconds + "." + body).getBytes(StandardCharsets.UTF_8)));
            return Arrays.asList(signatures.split(" ")).contains(expected);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
