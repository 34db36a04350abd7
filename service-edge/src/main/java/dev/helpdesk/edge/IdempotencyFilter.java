package dev.helpdesk.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemType;
import dev.helpdesk.edge.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on writes: the first answer (anything but a 5xx) for a user and key is stored, and the same
 * key with the same method, path and body within the retention (24 h) gets that answer again without running the
 * command twice. A claim whose request died (no answer within {@link IdempotencyProperties#claimTimeout()}) is
 * released when the key comes back; {@link IdempotencyRetention} prunes both on a schedule.
 * The same key with a different request is refused with 422; while the first request still runs, 409.
 * Multipart bodies are hashed part by part (name, file name, bytes). Needs the service's table
 * {@code idempotent_request (user_id, idem_key, request_hash, status, content_type, location, etag, body, created_at)}
 * with primary key {@code (user_id, idem_key)}. Runs after Spring Security's filter chain (order -100), so the user is known.
 */
@Order(0)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final IdempotencyProperties properties;

    public IdempotencyFilter(JdbcTemplate jdbc, ObjectMapper json) {
        this(jdbc, json, IdempotencyProperties.defaults());
    }

    public IdempotencyFilter(JdbcTemplate jdbc, ObjectMapper json, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !WRITES.contains(request.getMethod())
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            problem(response, request, ProblemType.INVALID_REQUEST, "The Idempotency-Key header is not valid.",
                    List.of(new FieldError(HEADER, "1 to 200 visible ASCII characters")));
            return;
        }
        HttpServletRequest replayable = request;
        MessageDigest digest = sha256();
        digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n").getBytes(StandardCharsets.UTF_8));
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            try {
                for (Part part : request.getParts()) {
                    digest.update((part.getName() + ":" + part.getSubmittedFileName() + ":").getBytes(StandardCharsets.UTF_8));
                    digest.update(part.getInputStream().readAllBytes());
                }
            } catch (IllegalStateException | ServletException e) {
                // The container refused the upload (above spring.servlet.multipart limits).
                problem(response, request, ProblemType.PAYLOAD_TOO_LARGE, "The upload is too large.", null);
                return;
            }
        } else {
            byte[] body = request.getInputStream().readAllBytes();
            digest.update(body);
            replayable = new CachedBodyRequest(request, body);
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        String userId = user.getName();

        // An expired key may be used anew; a claim without an answer past the claim timeout is one whose request
        // died with its process (a live request removes or completes its claim): both are released here.
        jdbc.update("DELETE FROM idempotent_request WHERE user_id = ? AND idem_key = ? AND (created_at < now() - "
                        + "make_interval(secs => ?) OR (status IS NULL AND created_at < now() - make_interval(secs => ?)))",
                userId, key, IdempotencyRetention.seconds(properties.retention()),
                IdempotencyRetention.seconds(properties.claimTimeout()));
        List<java.time.OffsetDateTime> claimed = jdbc.queryForList("INSERT INTO idempotent_request (user_id, idem_key, "
                + "request_hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING created_at", java.time.OffsetDateTime.class,
                userId, key, hash);
        if (!claimed.isEmpty()) {
            runAndRemember(replayable, response, chain, userId, key, claimed.get(0));
            return;
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT request_hash, status, content_type, location, etag, body FROM idempotent_request WHERE user_id = ? AND idem_key = ?",
                userId, key);
        if (rows.isEmpty()) {
            problem(response, request, ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS,
                    "A request with this Idempotency-Key is being processed; retry shortly.", null);
            return;
        }
        Map<String, Object> first = rows.get(0);
        if (!hash.equals(first.get("request_hash"))) {
            problem(response, request, ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request.", null);
        } else if (first.get("status") == null) {
            problem(response, request, ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS,
                    "A request with this Idempotency-Key is being processed; retry shortly.", null);
        } else {
            replay(response, first);
        }
    }

    /**
     * Runs the request and stores its answer on its own claim ({@code claimedAt}): a request slower than the claim
     * timeout whose claim was released and taken by a retry leaves the retry's row alone.
     */
    private void runAndRemember(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String userId,
                                String key, java.time.OffsetDateTime claimedAt) throws IOException, ServletException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean remembered = false;
        try {
            chain.doFilter(request, recorded);
            if (recorded.getStatus() < 500) {
                jdbc.update("UPDATE idempotent_request SET status = ?, content_type = ?, location = ?, etag = ?, body = ? "
                                + "WHERE user_id = ? AND idem_key = ? AND created_at = ?",
                        recorded.getStatus(), recorded.getContentType(), recorded.getHeader("Location"),
                        recorded.getHeader("ETag"), recorded.getContentAsByteArray(), userId, key, claimedAt);
                remembered = true;
            }
        } finally {
            if (!remembered) {
                jdbc.update("DELETE FROM idempotent_request WHERE user_id = ? AND idem_key = ? AND created_at = ?",
                        userId, key, claimedAt);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static void replay(HttpServletResponse response, Map<String, Object> first) throws IOException {
        response.setStatus(((Number) first.get("status")).intValue());
        if (first.get("content_type") != null) {
            response.setContentType((String) first.get("content_type"));
        }
        if (first.get("location") != null) {
            response.setHeader("Location", (String) first.get("location"));
        }
        if (first.get("etag") != null) {
            response.setHeader("ETag", (String) first.get("etag"));
        }
        response.setHeader("Idempotent-Replayed", "true");
        byte[] body = (byte[]) first.get("body");
        if (body != null) {
            response.getOutputStream().write(body);
        }
    }

    private void problem(HttpServletResponse response, HttpServletRequest request, ProblemType type, String detail,
                         List<FieldError> errors) throws IOException {
        ProblemDetail problem = Problems.of(type, detail, null, errors);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
