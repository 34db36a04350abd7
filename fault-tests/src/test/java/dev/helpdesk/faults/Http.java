package dev.helpdesk.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP as a portal uses it, with the time each answer took; a call that gets no answer within the limit says so. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than the gateway's response timeout (30 s), so a gateway that hangs past its own timeout is seen. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(40);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    Http() {
        this(CLIENT_TIMEOUT);
    }

    Http(Duration timeout) {
        this.timeout = timeout;
    }

    Reply get(String url, String token) {
        return send(builder(url, token).GET().build());
    }

    Reply post(String url, String token, Object body) {
        return send(builder(url, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    Reply put(String url, String token, Object body) {
        return send(builder(url, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    private HttpRequest.Builder builder(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), millisSince(start), null);
        } catch (IOException e) {
            return new Reply(-1, "", "", millisSince(start), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "", "", millisSince(start), "interrupted");
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An answer (status -1: none, with {@code failure} saying why) and how long it took. */
    record Reply(int status, String body, String contentType, long millis, String failure) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + this, e);
            }
        }

        /** A problem detail of the catalogue: {@code application/problem+json} with a type, title and the status. */
        boolean isProblem() {
            if (!contentType.startsWith("application/problem+json")) {
                return false;
            }
            try {
                JsonNode problem = JSON.readTree(body);
                return problem.path("type").asText().startsWith("https://helpdesk.dev/problems/")
                        && problem.path("status").asInt() == status;
            } catch (IOException e) {
                return false;
            }
        }

        String problemType() {
            return isProblem() ? json().path("type").asText().substring("https://helpdesk.dev/problems/".length()) : "";
        }

        @Override
        public String toString() {
            return status + " in " + millis + " ms" + (failure == null ? "" : " " + failure) + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }
}
