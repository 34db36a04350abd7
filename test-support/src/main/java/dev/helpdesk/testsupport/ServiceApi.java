package dev.helpdesk.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls a service over HTTP as a portal or script would: JSON in, status, content type, JSON body and headers out.
 * A service's tests name it {@code Api} ({@code class Api extends ServiceApi}), so {@code Api.Answer} reads as before.
 */
public class ServiceApi {

    /** A response: status, content type, JSON body (a missing node when empty or not JSON) and headers. */
    public record Answer(int status, String contentType, JsonNode body, HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper objectMapper;
    private final String baseUrl;

    public ServiceApi(ObjectMapper objectMapper, int port) {
        this.objectMapper = objectMapper;
        this.baseUrl = "http://localhost:" + port;
    }

    public Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), token);
    }

    public Answer post(String path, String token, String json, String... headerNamesAndValues) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"),
                headerNamesAndValues), token);
    }

    public Answer put(String path, String token, String json, String... headerNamesAndValues) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"),
                headerNamesAndValues), token);
    }

    public Answer delete(String path, String token, String... headerNamesAndValues) {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), headerNamesAndValues),
                token);
    }

    /** The raw body of a GET without a token (documents, pages). */
    public String text(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isBlank() || !contentType.contains("json")
                    ? objectMapper.missingNode() : objectMapper.readTree(response.body());
            return new Answer(response.statusCode(), contentType, body, response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
