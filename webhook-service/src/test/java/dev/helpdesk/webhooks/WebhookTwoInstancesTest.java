package dev.helpdesk.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.testsupport.RealInfrastructure;
import dev.helpdesk.testsupport.TestKafka;
import dev.helpdesk.testsupport.TestTokens;
import dev.helpdesk.webhooks.Receiver.Received;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one database and consumer group, both sending: every event is delivered once, each ticket's events
 * in order, although the receiver is slow and fails some first attempts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "helpdesk.webhooks.allow-private-addresses=true",
        "helpdesk.webhooks.allow-http=true",
        "helpdesk.webhooks.delivery.retry.initial-delay=PT0.2S",
        "helpdesk.webhooks.delivery.retry.multiplier=2",
        "helpdesk.webhooks.delivery.retry.max-attempts=6",
        "helpdesk.webhooks.delivery.fallback-interval=PT0.2S",
        "helpdesk.webhooks.delivery.lease=PT30S",
        "helpdesk.topics.webhooks=helpdesk.webhooks.v1.${random.uuid}"})
@RealInfrastructure(database = "webhooks")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookTwoInstancesTest {

    private static final int TICKETS = 8;

    @Autowired
    Environment environment;
    @Autowired
    ObjectMapper json;
    @Autowired
    MeterRegistry firstMeters;
    @LocalServerPort
    int port;

    ConfigurableApplicationContext second;
    Receiver receiver;

    @BeforeAll
    void startSecondInstanceAndReceiver() throws Exception {
        List<String> same = new ArrayList<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.kafka.bootstrap-servers", "helpdesk.topics.tickets", "helpdesk.topics.sla",
                "helpdesk.topics.escalations", "helpdesk.topics.webhooks", "helpdesk.security.jwt-secret",
                "helpdesk.security.issuer", "helpdesk.security.audience",
                "helpdesk.webhooks.allow-private-addresses", "helpdesk.webhooks.allow-http",
                "helpdesk.webhooks.delivery.retry.initial-delay", "helpdesk.webhooks.delivery.retry.multiplier",
                "helpdesk.webhooks.delivery.retry.max-attempts", "helpdesk.webhooks.delivery.fallback-interval",
                "helpdesk.webhooks.delivery.lease")) {
            String value = environment.getProperty(key);
            if (value != null) {
                same.add("--" + key + "=" + value);
            }
        }
        same.add("--server.port=0");
        same.add("--management.server.port=0");
        second = new SpringApplicationBuilder(WebhookServiceApplication.class).run(same.toArray(String[]::new));
        receiver = new Receiver();
        receiver.delay(Duration.ofMillis(100));
    }

    @AfterAll
    void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void everyEventIsDeliveredOnceAndEachTicketsEventsInOrder() throws Exception {
        String path = "/hook-" + UUID.randomUUID();
        String body = json.writeValueAsString(Map.of("url", receiver.url(path),
                "eventTypes", List.of("helpdesk.ticket.opened.v1", "helpdesk.ticket.status-changed.v1",
                        "helpdesk.ticket.comment-added.v1")));
        Api.Answer created = new Api(json, port).post("/api/webhooks", TestTokens.admin("admin-1"), body);
        assertThat(created.status()).isEqualTo(201);
        receiver.secret(path, created.body().path("secret").asText());
        receiver.answer(path, 500, 500, 500);

        Map<String, List<String>> sentPerTicket = new LinkedHashMap<>();
        try (DeskEvents desk = new DeskEvents(TestKafka.get().bootstrapServers(), json,
                environment.getProperty("helpdesk.topics.tickets"), environment.getProperty("helpdesk.topics.sla"),
                environment.getProperty("helpdesk.topics.escalations"))) {
            for (int i = 0; i < TICKETS; i++) {
                String ticket = UUID.randomUUID().toString();
                sentPerTicket.put(ticket, new ArrayList<>(List.of(
                        desk.opened(ticket, "org-" + (i % 2)).id(),
                        desk.statusChanged(ticket, TicketStatus.NEW, TicketStatus.IN_PROGRESS).id(),
                        desk.comment(ticket, Visibility.PUBLIC, "Looking").id())));
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received(path).stream()
                .filter(r -> r.answered() == 204).count() >= TICKETS * 3L);
        List<Received> delivered = receiver.received(path).stream().filter(r -> r.answered() == 204).toList();
        assertThat(delivered).hasSize(TICKETS * 3);
        assertThat(delivered).extracting(Received::id).doesNotHaveDuplicates();
        assertThat(receiver.received(path)).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
        Map<String, List<String>> receivedPerTicket = delivered.stream().collect(Collectors.groupingBy(
                r -> r.json(json).path("data").path("ticketId").asText(), LinkedHashMap::new,
                Collectors.mapping(Received::id, Collectors.toList())));
        assertThat(receivedPerTicket).isEqualTo(sentPerTicket);

        // both instances sent some of them
        assertThat(deliveredBy(firstMeters)).isPositive();
        assertThat(deliveredBy(second.getBean(MeterRegistry.class))).isPositive();
    }

    private static double deliveredBy(MeterRegistry meters) {
        var counter = meters.find("helpdesk.webhooks.deliveries").tag("outcome", "delivered").counter();
        return counter == null ? 0 : counter.count();
    }
}
