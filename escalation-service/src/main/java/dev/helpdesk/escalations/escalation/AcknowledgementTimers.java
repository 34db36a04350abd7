package dev.helpdesk.escalations.escalation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fires due acknowledgement deadlines on its own thread. Each timer is claimed with a row lock
 * ({@code FOR UPDATE SKIP LOCKED}) and fired in the same transaction as its consequences, so with several instances
 * each deadline fires exactly once, and a crash before commit leaves it for the next look. The statement that claims
 * a timer also tells when the next one is due: the poller sleeps until then (at most the fallback interval, for
 * deadlines set by other instances) unless a commit sets an earlier one (the pipeline's {@code TimerAlarm}; {@code DueTimerLoop} runs the looks,
 * see TimerConfig). Idle, it costs one
 * statement per fallback interval.
 */
@Component
public class AcknowledgementTimers {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgementTimers.class);
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    static final int MAX_ATTEMPTS = 10;

    private final EscalationRepository escalations;
    private final EscalationService service;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public AcknowledgementTimers(EscalationRepository escalations, EscalationService service, TransactionTemplate transaction,
                                 Clock clock) {
        this.escalations = escalations;
        this.service = service;
        this.transaction = transaction;
        this.clock = clock;
    }





    /** Fires every due timer, one transaction each; answers when the earliest one still ahead is due (null: none). */
    public Instant fireDue() {
        while (!Thread.currentThread().isInterrupted()) {
            Look look = fireEarliestIfDue();
            if (!look.fired()) {
                return look.nextDue();
            }
        }
        return null;
    }

    private Look fireEarliestIfDue() {
        AtomicReference<UUID> claimed = new AtomicReference<>();
        try {
            return transaction.execute(status -> {
                Instant now = clock.instant();
                return escalations.claimEarliestTimer().map(timer -> {
                    if (timer.dueAt().isAfter(now)) {
                        return new Look(false, timer.dueAt());
                    }
                    claimed.set(timer.escalationId());
                    service.onAcknowledgementDue(timer.escalationId());
                    escalations.markTimerFired(timer.escalationId(), clock.instant());
                    return new Look(true, null);
                }).orElse(new Look(false, null));
            });
        } catch (RuntimeException e) {
            if (claimed.get() == null) {
                throw e;
            }
            // A timer whose consequence keeps failing must not hold up the others: postponed, then given up.
            log.error("Acknowledgement timer of escalation {} failed; postponed by {}", claimed.get(), RETRY_DELAY, e);
            escalations.postponeFailedTimer(claimed.get(), clock.instant().plus(RETRY_DELAY), MAX_ATTEMPTS, clock.instant());
            return new Look(true, null);
        }
    }


    /** What one look found: whether it fired a timer, and otherwise when the earliest one ahead is due (or null). */
    private record Look(boolean fired, Instant nextDue) {
    }
}
