package dev.helpdesk.gateway.problem;

import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem answered by the gateway itself. Titles and details are fixed texts written here, never
 * exception messages, so nothing internal reaches a client.
 */
public record Problem(HttpStatus status, String slug, String detail) {

    public static final String TYPE_BASE = "https://helpdesk.dev/problems/";

    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + slug);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        return body;
    }

    public static Problem unauthorized() {
        return new Problem(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required.");
    }

    public static Problem forbidden() {
        return new Problem(HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this.");
    }

    public static Problem notFound() {
        return new Problem(HttpStatus.NOT_FOUND, "not-found", "There is no such resource.");
    }

    public static Problem rateLimited() {
        return new Problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests; retry after the time given in Retry-After.");
    }

    public static Problem payloadTooLarge() {
        return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "The request body is larger than allowed.");
    }

    public static Problem corsRefused() {
        return new Problem(HttpStatus.FORBIDDEN, "cors-origin-refused", "This origin may not call the API from a browser.");
    }

    public static Problem badRequest() {
        return new Problem(HttpStatus.BAD_REQUEST, "bad-request", "The request is malformed.");
    }

    public static Problem serviceUnavailable() {
        return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "The service behind this path is unavailable; try again shortly.");
    }

    public static Problem gatewayTimeout() {
        return new Problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "The service behind this path did not answer in time.");
    }

    public static Problem internalError() {
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Something went wrong in the gateway.");
    }

    /** A problem for a status the gateway's framework chose (405, 406, 415 ...), with a neutral text. */
    public static Problem ofStatus(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> unauthorized();
            case FORBIDDEN -> forbidden();
            case NOT_FOUND -> notFound();
            case TOO_MANY_REQUESTS -> rateLimited();
            case PAYLOAD_TOO_LARGE -> payloadTooLarge();
            case BAD_REQUEST -> badRequest();
            case SERVICE_UNAVAILABLE, BAD_GATEWAY -> serviceUnavailable();
            case GATEWAY_TIMEOUT -> gatewayTimeout();
            default -> status.is5xxServerError()
                    ? internalError()
                    : new Problem(status, status.name().toLowerCase().replace('_', '-'), status.getReasonPhrase() + ".");
        };
    }
}
