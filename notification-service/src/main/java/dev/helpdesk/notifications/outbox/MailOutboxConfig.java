package dev.helpdesk.notifications.outbox;

import dev.helpdesk.notifications.config.NotificationProperties;
import dev.helpdesk.pipeline.timer.DueTimerLoop;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The outbox's sender runs on the pipeline's timer loop: it sleeps until the next mail is due (a retry's back-off, at
 * most the poll interval) and is woken after each commit that queued mails.
 */
@Configuration
class MailOutboxConfig {

    @Bean
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TimerAlarm mailAlarm(Clock clock) {
        return new TimerAlarm(clock);
    }

    @Bean
    DueTimerLoop mailSenderLoop(MailDelivery delivery, TimerAlarm mailAlarm, NotificationProperties properties, Clock clock) {
        return new DueTimerLoop("mail-sender", delivery::sendDue, mailAlarm, properties.sender().pollInterval(), clock);
    }
}
