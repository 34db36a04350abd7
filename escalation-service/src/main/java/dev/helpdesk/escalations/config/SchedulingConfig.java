package dev.helpdesk.escalations.config;

import dev.helpdesk.escalations.escalation.AcknowledgementTimers;
import dev.helpdesk.escalations.outbox.OutboxRelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.time.Duration;

/** Runs the acknowledgement timer poller and the outbox relay at their configured intervals. */
@Configuration
@EnableScheduling
public class SchedulingConfig implements SchedulingConfigurer {

    private final EscalationProperties properties;
    private final AcknowledgementTimers timers;
    private final OutboxRelay relay;

    public SchedulingConfig(EscalationProperties properties, AcknowledgementTimers timers, OutboxRelay relay) {
        this.properties = properties;
        this.timers = timers;
        this.relay = relay;
    }

    @Bean
    static Clock clock() {
        return Clock.systemUTC();
    }

    /** A bean, so that closing the application stops the poller and the relay with it. */
    @Bean
    static ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("escalation-scheduler-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(5);
        return scheduler;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(timers::fireDue, properties.timerPollInterval());
        registrar.addFixedDelayTask(relay::relayPending, properties.outboxRelayInterval());
        registrar.addFixedDelayTask(relay::prunePublished, Duration.ofHours(1));
    }
}
