package dev.helpdesk.webhooks.config;

import dev.helpdesk.pipeline.timer.DueTimerLoop;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import dev.helpdesk.webhooks.delivery.DeliveryWorker;
import dev.helpdesk.webhooks.domain.DestinationRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

/** The clock, the SSRF rule, the HTTP client of deliveries and the worker's loop (the pipeline's timer loop). */
@Configuration
public class DeliveryConfig {

    @Bean
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DestinationRule destinationRule(WebhookProperties properties) {
        return new DestinationRule(host -> List.of(InetAddress.getAllByName(host)), properties.allowHttp(),
                properties.allowPrivateAddresses());
    }

    /** Never follows redirects: a redirect to an internal address would pass around the SSRF rule. */
    @Bean
    HttpClient webhookHttpClient(WebhookProperties properties) {
        return HttpClient.newBuilder()
                .connectTimeout(properties.delivery().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Bean
    TimerAlarm deliveryAlarm(Clock clock) {
        return new TimerAlarm(clock);
    }

    @Bean
    DueTimerLoop deliveryLoop(DeliveryWorker worker, TimerAlarm alarm, WebhookProperties properties, Clock clock) {
        return new DueTimerLoop("webhook-deliveries", worker::deliverDue, alarm,
                properties.delivery().fallbackInterval(), clock);
    }
}
