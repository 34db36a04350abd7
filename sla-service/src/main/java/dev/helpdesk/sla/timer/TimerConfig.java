package dev.helpdesk.sla.timer;

import dev.helpdesk.pipeline.health.KafkaProbe;
import dev.helpdesk.pipeline.timer.AppliedOffsets;
import dev.helpdesk.pipeline.timer.ConsumedWatermark;
import dev.helpdesk.pipeline.timer.DueTimerLoop;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import dev.helpdesk.sla.config.SlaProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SLA timers run on the pipeline's timer loop, woken by its alarm when a commit writes an earlier timer. */
@Configuration
class TimerConfig {

    @Bean
    TimerAlarm timerAlarm(Clock clock) {
        return new TimerAlarm(clock);
    }

    /**
     * The ticket consumer group's watermark: a look at most every 250 ms (3 admin requests), end offsets remembered
     * for two minutes. Without a broker probe there is none (a null bean), and timers fire on time.
     */
    @Bean
    @ConditionalOnProperty(name = "helpdesk.sla.timers.wait-for-consumer", havingValue = "true", matchIfMissing = true)
    ConsumedWatermark ticketEventsWatermark(ObjectProvider<KafkaProbe> probe, SlaProperties properties,
                                            @Value("${helpdesk.topics.tickets}") String topic, Clock clock,
                                            AppliedOffsets applied) {
        KafkaProbe available = probe.getIfAvailable();
        if (available == null) {
            return null;
        }
        // the offsets this instance applied count at once: the listener tells the broker only every ack-time
        return new ConsumedWatermark(() -> {
            KafkaProbe.GroupOffsets offsets = available.offsets(properties.consumerGroup(), Set.of(topic));
            return new KafkaProbe.GroupOffsets(applied.merged(offsets.committed()), offsets.ends());
        }, properties.consumerGroup(), clock, Duration.ofMillis(250), Duration.ofMinutes(2));
    }

    /** What the ticket listener of this instance has applied, ahead of the offsets it commits by time. */
    @Bean
    AppliedOffsets appliedTicketOffsets() {
        return new AppliedOffsets();
    }

    @Bean
    DueTimerLoop slaTimers(TimerPoller poller, TimerAlarm alarm, SlaProperties properties, Clock clock) {
        return new DueTimerLoop("sla-timers", poller::fireAllDue, alarm, properties.timers().fallbackInterval(), clock);
    }
}
