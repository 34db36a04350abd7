package dev.helpdesk.gateway.problem;

import dev.helpdesk.edge.problem.ProblemType;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem answered by the gateway itself, of the helpdesk's one catalogue ({@link ProblemType},
 * docs/problems.md). Details are fixed texts written here, never exception messages, so nothing internal reaches
 * a client.
 */
public record Problem(ProblemType type, String detail) {

    public HttpStatus status() {
        return type.status();
    }

    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        return body;
    }

    public static Problem unauthorized() {
        return new Problem(ProblemType.UNAUTHORIZED, "A valid bearer token is required.");
    }

    public static Problem forbidden() {
        return new Problem(ProblemType.FORBIDDEN, "Your role may not do this.");
    }

    public static Problem notFound() {
        return new Problem(ProblemType.NOT_FOUND, "There is no such resource.");
    }

    public static Problem rateLimited() {
        return new Problem(ProblemType.RATE_LIMITED, "Too many requests; retry after the time given in Retry-After.");
    }

    public static Problem payloadTooLarge() {
        return new Problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than allowed.");
    }

    public static Problem uriTooLong(int maxLength) {
        return new Problem(ProblemType.URI_TOO_LONG, "The request's path and query are longer than " + maxLength + " characters.");
    }

    public static Problem headersTooLarge(long maxBytes) {
        return new Problem(ProblemType.REQUEST_HEADERS_TOO_LARGE, "The request's headers are larger than " + maxBytes + " bytes.");
    }

    public static Problem corsRefused() {
        return new Problem(ProblemType.CORS_ORIGIN_REFUSED, "This origin may not call the API from a browser.");
    }

    public static Problem badRequest() {
        return new Problem(ProblemType.INVALID_REQUEST, "The request is malformed.");
    }

    public static Problem serviceUnavailable() {
        return new Problem(ProblemType.SERVICE_UNAVAILABLE, "The service behind this path is unavailable; try again shortly.");
    }

    /** A service stopped half way through its answer to a command: the client cannot tell whether it was applied. */
    public static Problem answerCutOff() {
        return new Problem(ProblemType.SERVICE_UNAVAILABLE, "The service stopped before it finished answering; the "
                + "command may have been applied. Send it again with the same Idempotency-Key to be answered once.");
    }

    /** A service answered a command with more than the gateway passes on (helpdesk.gateway.max-command-answer-size). */
    public static Problem answerTooLarge() {
        return new Problem(ProblemType.BAD_GATEWAY, "The service's answer was larger than the gateway passes on; the "
                + "command may have been applied.");
    }

    public static Problem gatewayTimeout() {
        return new Problem(ProblemType.GATEWAY_TIMEOUT, "The service behind this path did not answer in time.");
    }

    public static Problem internalError() {
        return new Problem(ProblemType.INTERNAL_ERROR, "Something went wrong in the gateway.");
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
                    : new Problem(ProblemType.forStatus(status.value()), ProblemType.forStatus(status.value()).title() + ".");
        };
    }
}
