package dev.helpdesk.edge.problem;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expected refusal of a request, answered as the problem of its catalogue {@link ProblemType} with a detail
 * written for the caller, optionally a {@code reason} (a service's own stable code), the invalid fields, more members
 * ({@link #withProperty}) and a {@code Location} to follow ({@link #withLocation}: the run already going).
 * Services throw it (or their domain exceptions, mapped by a small advice of their own) instead of building
 * responses themselves.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String reason;
    private final transient List<FieldError> errors;
    private final transient Map<String, Object> properties;
    private final URI location;

    public ProblemException(ProblemType type, String detail, String reason, List<FieldError> errors) {
        this(type, detail, reason, errors, Map.of(), null);
    }

    private ProblemException(ProblemType type, String detail, String reason, List<FieldError> errors,
                             Map<String, Object> properties, URI location) {
        super(detail, null, false, false);
        this.type = type;
        this.reason = reason;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.properties = Map.copyOf(properties);
        this.location = location;
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null, null);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(ProblemType.INVALID_REQUEST, "The request has invalid fields.", null, errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    /** The request does not fit the resource's current state (an illegal state change, a run already going). */
    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    /**
     * A replay (projection rebuild) asked for while one runs, on any instance: 409 naming the running one
     * ({@code reason: replay-running}, {@code replayId}, {@code Location: <replays>/<id>}) for the caller to follow.
     */
    public static ProblemException replayRunning(String replaysPath, Object runningId) {
        return conflict("A replay of this projection is already running (" + runningId + "); follow it at its location.")
                .withReason("replay-running")
                .withProperty("replayId", runningId.toString())
                .withLocation(URI.create(replaysPath + "/" + runningId));
    }

    /** The request named a version ({@code If-Match}) that is no longer the resource's. */
    public static ProblemException staleVersion(String detail) {
        return new ProblemException(ProblemType.STALE_VERSION, detail);
    }

    /** A business rule forbids the request (422); {@code reason} names the rule. */
    public static ProblemException businessRule(String reason, String detail) {
        return new ProblemException(ProblemType.BUSINESS_RULE_VIOLATED, detail, reason, null);
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, detail);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
    }

    /** The same refusal, refined with a service's own stable code. */
    public ProblemException withReason(String reason) {
        return new ProblemException(type, getMessage(), reason, errors, properties, location);
    }

    /** The same refusal with one more member in the problem (an id the caller can follow, say). */
    public ProblemException withProperty(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(name, value);
        return new ProblemException(type, getMessage(), reason, errors, more, location);
    }

    /** The same refusal, answered with a {@code Location} header: where the caller finds what it collided with. */
    public ProblemException withLocation(URI location) {
        return new ProblemException(type, getMessage(), reason, errors, properties, location);
    }

    /** The {@code Location} to answer with, or null. */
    public URI location() {
        return location;
    }

    public ProblemType type() {
        return type;
    }

    public String reason() {
        return reason;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = Problems.of(type, getMessage(), reason, errors);
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** The answer: the problem with its status, and the {@code Location} when there is one. */
    public ResponseEntity<ProblemDetail> toResponseEntity() {
        ProblemDetail problem = toProblemDetail();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus());
        return (location == null ? answer : answer.location(location)).body(problem);
    }
}
