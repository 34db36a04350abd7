package dev.helpdesk.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A portal frontend's view of the system: HTTP calls to the gateway only. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE_LIMITED_TRIES = 10;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;

    Api(String gateway) {
        this.gateway = gateway;
    }

    Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Response get(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token).GET();
        headers.forEach(builder::header);
        return send(builder.build());
    }

    Response post(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    Response put(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    Response patch(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    /**
     * Sends the request; a 429 is waited out and sent again, as a portal does: the gateway answers it before routing
     * (nothing was done), with the seconds to wait in {@code Retry-After}. Bounded: after {@value #RATE_LIMITED_TRIES}
     * refusals in a row the 429 is the answer.
     */
    Response send(HttpRequest request) {
        try {
            Response answer = null;
            for (int attempt = 1; attempt <= RATE_LIMITED_TRIES; attempt++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                answer = new Response(response.statusCode(), response.body(), response.headers().map());
                if (answer.status() != 429 || attempt == RATE_LIMITED_TRIES) {
                    break;
                }
                Thread.sleep(Duration.ofSeconds(retryAfterSeconds(answer)).toMillis());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long retryAfterSeconds(Response refused) {
        try {
            return Math.min(5, Math.max(1, Long.parseLong(String.valueOf(refused.header("Retry-After")).trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static String write(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
