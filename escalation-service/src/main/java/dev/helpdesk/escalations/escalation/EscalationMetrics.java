package dev.helpdesk.escalations.escalation;

import dev.helpdesk.pipeline.AfterCommit;
import dev.helpdesk.escalations.domain.Ladder;
import dev.helpdesk.escalations.domain.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Business metrics, counted once the transaction that caused them commits: {@code helpdesk.escalations.raised}
 * (tags {@code level}, {@code trigger}) and {@code helpdesk.escalations.time.to.acknowledge} (tag {@code level}).
 */
@Component
public class EscalationMetrics {

    private final MeterRegistry registry;

    /** Registers the counters at zero, so that dashboards and alerts see them before the first escalation. */
    public EscalationMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (int level = 1; level <= Ladder.TOP_LEVEL; level++) {
            for (Trigger trigger : Trigger.values()) {
                raisedCounter(level, trigger);
            }
        }
    }

    public void raised(int level, Trigger trigger) {
        AfterCommit.run(() -> raisedCounter(level, trigger).increment());
    }

    private Counter raisedCounter(int level, Trigger trigger) {
        return Counter.builder("helpdesk.escalations.raised")
                .description("Escalation levels raised")
                .tag("level", String.valueOf(level))
                .tag("trigger", trigger.name())
                .register(registry);
    }

    public void acknowledged(int level, Duration timeToAcknowledge) {
        AfterCommit.run(() -> Timer.builder("helpdesk.escalations.time.to.acknowledge")
                .description("Time from raising an escalation level to its acknowledgement")
                .tag("level", String.valueOf(level))
                .register(registry)
                .record(timeToAcknowledge));
    }

}
