package dev.helpdesk.edge.problem;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.util.Arrays;

/**
 * The catalogue of every problem type the helpdesk answers, the services and the gateway alike; documented in
 * {@code docs/problems.md}. A problem's {@code type} is {@value #BASE}{@code <slug>}. A service refines a type with a
 * {@code reason} member (a stable code of its own), never with a new slug.
 */
public enum ProblemType {

    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    CORS_ORIGIN_REFUSED("cors-origin-refused", HttpStatus.FORBIDDEN, "Origin not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict with the current state"),
    STALE_VERSION("stale-version", HttpStatus.CONFLICT, "Stale version"),
    IDEMPOTENCY_KEY_IN_PROGRESS("idempotency-key-in-progress", HttpStatus.CONFLICT, "Request in progress"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large"),
    URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    BUSINESS_RULE_VIOLATED("business-rule-violated", HttpStatus.UNPROCESSABLE_ENTITY, "Business rule violated"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    REQUEST_HEADERS_TOO_LARGE("request-headers-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    BAD_GATEWAY("bad-gateway", HttpStatus.BAD_GATEWAY, "Bad gateway"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    GATEWAY_TIMEOUT("gateway-timeout", HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout");

    public static final String BASE = "https://helpdesk.dev/problems/";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /**
     * The catalogue's general type for a status a framework chose (the first entry of that status); other 4xx
     * statuses are invalid requests, other 5xx internal errors.
     */
    public static ProblemType forStatus(int status) {
        return Arrays.stream(values()).filter(type -> type.status.value() == status).findFirst()
                .orElse(status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST);
    }
}
