package dev.helpdesk.escalations.escalation;

import dev.helpdesk.escalations.config.EscalationProperties;
import dev.helpdesk.pipeline.timer.DueTimerLoop;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Acknowledgement deadlines run on the pipeline's timer loop, woken by its alarm when a commit sets an earlier one. */
@Configuration
class TimerConfig {

    @Bean
    TimerAlarm deadlineAlarm(Clock clock) {
        return new TimerAlarm(clock);
    }

    @Bean
    DueTimerLoop acknowledgementDeadlines(AcknowledgementTimers timers, TimerAlarm alarm, EscalationProperties properties,
                                          Clock clock) {
        return new DueTimerLoop("acknowledgement-timers", timers::fireDue, alarm, properties.timer().fallbackInterval(),
                clock);
    }
}
