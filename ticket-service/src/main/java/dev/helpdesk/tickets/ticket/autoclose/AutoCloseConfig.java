package dev.helpdesk.tickets.ticket.autoclose;

import dev.helpdesk.pipeline.timer.DueTimerLoop;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Auto-close timers run on the pipeline's timer loop, woken by its alarm when a resolution sets an earlier one. */
@Configuration
@EnableConfigurationProperties(AutoCloseProperties.class)
class AutoCloseConfig {

    @Bean
    TimerAlarm autoCloseAlarm(Clock clock) {
        return new TimerAlarm(clock);
    }

    @Bean
    DueTimerLoop autoCloseTimerLoop(AutoCloseTimers timers, TimerAlarm alarm, AutoCloseProperties properties, Clock clock) {
        return new DueTimerLoop("auto-close-timers", timers::fireAllDue, alarm, properties.fallbackInterval(), clock);
    }
}
