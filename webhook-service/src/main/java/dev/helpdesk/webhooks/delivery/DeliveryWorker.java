package dev.helpdesk.webhooks.delivery;

import dev.helpdesk.pipeline.outbox.OutboxEvent;
import dev.helpdesk.pipeline.outbox.OutboxWriter;
import dev.helpdesk.webhooks.config.TopicNames;
import dev.helpdesk.webhooks.config.WebhookProperties;
import dev.helpdesk.webhooks.domain.DestinationRule;
import dev.helpdesk.webhooks.domain.RetrySchedule;
import dev.helpdesk.webhooks.domain.WebhookSecret;
import dev.helpdesk.webhooks.domain.WebhookSigner;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends queued deliveries (docs/webhooks.md). Each look claims due deliveries with row locks
 * ({@code FOR UPDATE SKIP LOCKED}) and a lease, so several instances never send one delivery at the same time; only
 * the oldest pending delivery of each endpoint and ticket is due, so a ticket's events arrive in order (a later one
 * waits until the earlier one is delivered or given up). The POSTs run outside any transaction; each outcome is
 * recorded in its own: delivered, retried after the back-off, or given up, and the endpoint disabled (with an event
 * through the outbox) after deliveries given up in a row.
 */
@Component
public class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int ERROR_LENGTH = 500;

    /** A delivery this instance holds until its lease ends. */
    record Claimed(long id, UUID endpointId, String eventId, String payload, int attempts, String url, String secret,
                   String previousSecret, Instant previousSecretUntil) {
    }

    /** What one attempt came to: a 2xx, another status, or no answer at all. */
    record Outcome(Claimed delivery, Instant at, Integer status, String error) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final HttpClient http;
    private final DestinationRule destinations;
    private final OutboxWriter outbox;
    private final TopicNames topics;
    private final WebhookProperties.Delivery settings;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService senders;

    public DeliveryWorker(JdbcTemplate jdbc, TransactionTemplate transactions, HttpClient webhookHttpClient,
                          DestinationRule destinations, OutboxWriter outbox, TopicNames topics,
                          WebhookProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.http = webhookHttpClient;
        this.destinations = destinations;
        this.outbox = outbox;
        this.topics = topics;
        this.settings = properties.delivery();
        this.schedule = settings.retry().schedule();
        this.clock = clock;
        this.meters = meters;
        // at zero from the start, so that rates and alerts see a series before the first delivery
        for (String outcome : List.of("delivered", "retried", "failed")) {
            meters.counter("helpdesk.webhooks.deliveries", "outcome", outcome);
        }
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends what is due; answers when to look next (at once after a busy look, else the next due delivery). */
    public Instant deliverDue() {
        List<Claimed> claimed = transactions.execute(status -> claim());
        if (claimed == null || claimed.isEmpty()) {
            return nextDue();
        }
        List<Future<Outcome>> attempts = new ArrayList<>();
        for (Claimed delivery : claimed) {
            attempts.add(senders.submit(() -> attempt(delivery)));
        }
        for (Future<Outcome> attempt : attempts) {
            Outcome outcome;
            try {
                outcome = attempt.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return clock.instant();
            } catch (Exception e) {
                continue; // attempt() catches everything; the lease releases the delivery if this ever happens
            }
            transactions.executeWithoutResult(status -> record(outcome));
        }
        return clock.instant();
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        return jdbc.query("""
                        WITH due AS (
                            SELECT d.id FROM delivery d JOIN endpoint e ON e.id = d.endpoint_id AND e.active
                            WHERE d.state = 'PENDING' AND d.next_attempt_at <= ?
                              AND (d.leased_until IS NULL OR d.leased_until <= ?)
                              AND NOT EXISTS (SELECT 1 FROM delivery p WHERE p.endpoint_id = d.endpoint_id
                                              AND p.ordering_key = d.ordering_key AND p.state = 'PENDING' AND p.id < d.id)
                            ORDER BY d.next_attempt_at, d.id
                            LIMIT ?
                            FOR UPDATE OF d SKIP LOCKED)
                        UPDATE delivery d SET leased_until = ?
                        FROM due, endpoint e
                        WHERE d.id = due.id AND e.id = d.endpoint_id
                        RETURNING d.id, d.endpoint_id, d.event_id, d.payload, d.attempts, e.url, e.secret,
                                  e.previous_secret, e.previous_secret_until""",
                (rs, n) -> new Claimed(rs.getLong("id"), rs.getObject("endpoint_id", UUID.class),
                        rs.getString("event_id"), rs.getString("payload"), rs.getInt("attempts"), rs.getString("url"),
                        rs.getString("secret"), rs.getString("previous_secret"),
                        Optional.ofNullable(rs.getTimestamp("previous_secret_until")).map(Timestamp::toInstant).orElse(null)),
                Timestamp.from(now), Timestamp.from(now), settings.batchSize(), Timestamp.from(now.plus(settings.lease())));
    }

    /** The earliest time a delivery at the head of its ticket's line is due (or its lease ends); null: none. */
    private Instant nextDue() {
        Timestamp next = jdbc.queryForObject("""
                SELECT min(greatest(d.next_attempt_at, coalesce(d.leased_until, d.next_attempt_at)))
                FROM delivery d JOIN endpoint e ON e.id = d.endpoint_id AND e.active
                WHERE d.state = 'PENDING'
                  AND NOT EXISTS (SELECT 1 FROM delivery p WHERE p.endpoint_id = d.endpoint_id
                                  AND p.ordering_key = d.ordering_key AND p.state = 'PENDING' AND p.id < d.id)""",
                Timestamp.class);
        return next == null ? null : next.toInstant();
    }

    Outcome attempt(Claimed delivery) {
        Instant at = clock.instant();
        try {
            DestinationRule.Verdict verdict = destinations.check(delivery.url());
            if (!verdict.accepted()) {
                return new Outcome(delivery, at, null, "refused: " + verdict.message());
            }
            long timestamp = at.getEpochSecond();
            List<WebhookSecret> secrets = new ArrayList<>();
            secrets.add(new WebhookSecret(delivery.secret()));
            if (delivery.previousSecret() != null && delivery.previousSecretUntil() != null
                    && delivery.previousSecretUntil().isAfter(at)) {
                secrets.add(new WebhookSecret(delivery.previousSecret()));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/cloudevents+json")
                    .header("User-Agent", "helpdesk-webhooks/1")
                    .header("webhook-id", delivery.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature",
                            WebhookSigner.signatureHeader(secrets, delivery.eventId(), timestamp, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Outcome(delivery, at, status, status >= 200 && status < 300 ? null : "HTTP " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(delivery, at, null, "interrupted");
        } catch (Exception e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            return new Outcome(delivery, at, null, truncate(e.getClass().getSimpleName() + message));
        }
    }

    private void record(Outcome outcome) {
        Claimed delivery = outcome.delivery();
        Instant now = clock.instant();
        int attempts = delivery.attempts() + 1;
        if (outcome.delivered()) {
            int updated = jdbc.update("UPDATE delivery SET state = 'DELIVERED', attempts = ?, last_attempt_at = ?, "
                            + "last_status = ?, last_error = NULL, next_attempt_at = NULL, leased_until = NULL, "
                            + "finished_at = ? WHERE id = ? AND state = 'PENDING'",
                    attempts, Timestamp.from(outcome.at()), outcome.status(), Timestamp.from(now), delivery.id());
            if (updated == 1) {
                jdbc.update("UPDATE endpoint SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0",
                        delivery.endpointId());
                meters.counter("helpdesk.webhooks.deliveries", "outcome", "delivered").increment();
            }
            return;
        }
        Optional<Duration> pause = schedule.delayAfter(attempts);
        if (pause.isPresent()) {
            jdbc.update("UPDATE delivery SET attempts = ?, last_attempt_at = ?, last_status = ?, last_error = ?, "
                            + "next_attempt_at = ?, leased_until = NULL WHERE id = ? AND state = 'PENDING'",
                    attempts, Timestamp.from(outcome.at()), outcome.status(), outcome.error(),
                    Timestamp.from(now.plus(pause.get())), delivery.id());
            meters.counter("helpdesk.webhooks.deliveries", "outcome", "retried").increment();
            return;
        }
        int updated = jdbc.update("UPDATE delivery SET state = 'FAILED', attempts = ?, last_attempt_at = ?, "
                        + "last_status = ?, last_error = ?, next_attempt_at = NULL, leased_until = NULL, "
                        + "finished_at = ? WHERE id = ? AND state = 'PENDING'",
                attempts, Timestamp.from(outcome.at()), outcome.status(), outcome.error(), Timestamp.from(now),
                delivery.id());
        if (updated == 1) {
            meters.counter("helpdesk.webhooks.deliveries", "outcome", "failed").increment();
            countFailure(delivery.endpointId(), outcome.error(), now);
        }
    }

    /** One more delivery given up in a row; at the threshold the endpoint is disabled and an event says so. */
    private void countFailure(UUID endpointId, String lastError, Instant now) {
        List<Object[]> rows = jdbc.query("UPDATE endpoint SET consecutive_failures = consecutive_failures + 1 "
                        + "WHERE id = ? RETURNING consecutive_failures, active, organization_id, url",
                (rs, n) -> new Object[]{rs.getInt(1), rs.getBoolean(2), rs.getString(3), rs.getString(4)}, endpointId);
        if (rows.isEmpty()) {
            return;
        }
        int failures = (Integer) rows.get(0)[0];
        boolean active = (Boolean) rows.get(0)[1];
        if (!active || failures < settings.disableAfterFailures()) {
            return;
        }
        String reason = failures + " deliveries given up in a row; last: " + lastError;
        jdbc.update("UPDATE endpoint SET active = false, disabled_at = ?, disabled_reason = ?, updated_at = ?, "
                + "version = version + 1 WHERE id = ?", Timestamp.from(now), truncate(reason), Timestamp.from(now), endpointId);
        outbox.append(new OutboxEvent(topics.webhooks(), endpointId.toString(), "WebhookEndpoint",
                EndpointDisabledEvent.TYPE, now, "system", null,
                new EndpointDisabledEvent(endpointId.toString(), (String) rows.get(0)[2], (String) rows.get(0)[3],
                        failures, lastError, now)));
        log.warn("Webhook endpoint {} disabled after {} deliveries given up in a row", endpointId, failures);
    }

    private static String truncate(String text) {
        return text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH);
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
