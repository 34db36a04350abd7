package dev.helpdesk.budgets.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** The metrics refresh runs on a schedule; "today" comes from a replaceable clock. */
@Configuration
@EnableScheduling
public class SchedulingConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
