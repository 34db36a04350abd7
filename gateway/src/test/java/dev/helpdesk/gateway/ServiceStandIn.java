package dev.helpdesk.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A real HTTP server standing in for one service: records every request it receives (path, query, headers, body
 * size) and answers a small JSON naming itself, or its "OpenAPI document" at {@code /v3/api-docs}; a path ending
 * in {@code /crash} closes the connection without any answer.
 */
final class ServiceStandIn implements AutoCloseable {

    record Received(String method, String path, String query, Map<String, List<String>> headers, long bodyBytes) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> String.join(",", entry.getValue()))
                    .findFirst().orElse(null);
        }

        boolean hasHeader(String name) {
            return header(name) != null;
        }
    }

    private final String name;
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    ServiceStandIn(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        List<Received> all = received();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    void answerAfter(Duration delay) {
        this.delay = delay;
    }

    void forget() {
        received.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        long bodyBytes;
        try (InputStream body = exchange.getRequestBody()) {
            bodyBytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
        String path = exchange.getRequestURI().getRawPath();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), headers, bodyBytes));
        if (path.endsWith("/crash")) {
            // dies before answering: the connection closes with no response at all
            exchange.close();
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String json = path.equals("/v3/api-docs")
                ? "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"" + name + " API\",\"version\":\"1\","
                        // as large as a real service's document can get, past codec defaults (256 KB)
                        + "\"description\":\"" + "d".repeat(600_000) + "\"},"
                        + "\"servers\":[{\"url\":\"" + url() + "\"}],\"paths\":{}}"
                : "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // a real service echoes the correlation id too; the gateway must still answer exactly one
        String correlation = exchange.getRequestHeaders().getFirst("X-Correlation-Id");
        if (correlation != null) {
            exchange.getResponseHeaders().set("X-Correlation-Id", correlation);
        }
        try {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException gatewayGaveUp) {
            // the gateway closed the connection (timeout): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
