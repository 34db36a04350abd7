package dev.helpdesk.escalations.escalation;

import dev.helpdesk.escalations.config.EscalationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fires due acknowledgement deadlines. Each timer is claimed with a row lock ({@code FOR UPDATE SKIP LOCKED}) and
 * fired in the same transaction as its consequences, so with several instances each deadline fires exactly once,
 * and a crash before commit leaves it for the next poll.
 */
@Component
public class AcknowledgementTimers {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgementTimers.class);
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    static final int MAX_ATTEMPTS = 10;

    private final EscalationRepository escalations;
    private final EscalationService service;
    private final TransactionTemplate transaction;
    private final EscalationProperties properties;
    private final Clock clock;

    public AcknowledgementTimers(EscalationRepository escalations, EscalationService service, TransactionTemplate transaction,
                                 EscalationProperties properties, Clock clock) {
        this.escalations = escalations;
        this.service = service;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    public void fireDue() {
        try {
            for (int fired = 0; fired < properties.timerBatchSize() && fireOne(); fired++) {
                // one transaction per timer: a failing one does not undo the others
            }
        } catch (RuntimeException e) {
            log.warn("Firing acknowledgement timers failed, will retry: {}", e.toString());
        }
    }

    private boolean fireOne() {
        AtomicReference<UUID> claimed = new AtomicReference<>();
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                Optional<UUID> due = escalations.claimDueTimer(clock.instant());
                due.ifPresent(escalationId -> {
                    claimed.set(escalationId);
                    service.onAcknowledgementDue(escalationId);
                    escalations.markTimerFired(escalationId, clock.instant());
                });
                return due.isPresent();
            }));
        } catch (RuntimeException e) {
            if (claimed.get() == null) {
                throw e;
            }
            log.error("Acknowledgement timer of escalation {} failed; postponed by {}", claimed.get(), RETRY_DELAY, e);
            escalations.postponeFailedTimer(claimed.get(), clock.instant().plus(RETRY_DELAY), MAX_ATTEMPTS, clock.instant());
            return true;
        }
    }
}
