package dev.helpdesk.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the service over HTTP as a portal or script would. */
final class Api {

    /** A response: status, content type, JSON body (a missing node when empty) and headers. */
    record Answer(int status, String contentType, JsonNode body, HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper objectMapper;
    private final String baseUrl;

    Api(ObjectMapper objectMapper, int port) {
        this.objectMapper = objectMapper;
        this.baseUrl = "http://localhost:" + port;
    }

    Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), token);
    }

    Answer post(String path, String token, String json, String... headerNamesAndValues) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headerNamesAndValues), token);
    }

    Answer put(String path, String token, String json, String... headerNamesAndValues) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(baseUrl + path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headerNamesAndValues), token);
    }

    Answer delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), token);
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headerNamesAndValues) {
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() || !response.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? objectMapper.missingNode() : objectMapper.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String text(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
