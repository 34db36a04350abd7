package dev.helpdesk.sla.timer;

import dev.helpdesk.pipeline.timer.DueTimerLoop;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import dev.helpdesk.sla.config.SlaProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SLA timers run on the pipeline's timer loop, woken by its alarm when a commit writes an earlier timer. */
@Configuration
class TimerConfig {

    @Bean
    TimerAlarm timerAlarm(Clock clock) {
        return new TimerAlarm(clock);
    }

    @Bean
    DueTimerLoop slaTimers(TimerPoller poller, TimerAlarm alarm, SlaProperties properties, Clock clock) {
        return new DueTimerLoop("sla-timers", poller::fireAllDue, alarm, properties.timers().fallbackInterval(), clock);
    }
}
