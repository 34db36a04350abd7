package dev.helpdesk.escalations.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The clock of the escalation rules and deadlines (UTC; tests may replace it). */
@Configuration
public class ClockConfig {

    @Bean
    static Clock clock() {
        return Clock.systemUTC();
    }
}
