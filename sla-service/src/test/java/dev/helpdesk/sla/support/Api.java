package dev.helpdesk.sla.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small HTTP client for the service's API: answers status and JSON body. */
public final class Api {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    public Answer delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
    }

    public Answer post(String path, String token, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TicketEvents.JSON.writeValueAsString(body))), token);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Answer put(String path, String token, Object body) {
        return put(path, token, body, null);
    }

    public Answer put(String path, String token, Object body, String ifMatch) {
        try {
            String json = body instanceof String text ? text : TicketEvents.JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            return send(request, token);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isBlank() || !contentType.contains("json") ? null
                    : TicketEvents.JSON.readTree(response.body());
            return new Answer(response.statusCode(), contentType, body, response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Answer(int status, String contentType, JsonNode body, String text) {
    }
}
