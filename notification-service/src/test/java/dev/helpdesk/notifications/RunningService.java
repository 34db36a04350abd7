package dev.helpdesk.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.testsupport.RealInfrastructure;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * A running notification service on a real PostgreSQL, Kafka and SMTP server: ticket, SLA and escalation events go in
 * as the other services publish them, mails come out at the SMTP server.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "helpdesk.notifications.sender.poll-interval=200ms",
        "helpdesk.notifications.sender.first-retry=200ms",
        "helpdesk.notifications.sender.max-retry-pause=1s",
        "helpdesk.notifications.managers=head@desk.example",
        "helpdesk.notifications.staff-addresses=agent-1=agent-1@desk.example,manager-1=manager-1@desk.example",
        "helpdesk.notifications.from=Helpdesk <helpdesk@desk.example>"})
@RealInfrastructure(database = "notifications")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunningService {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final TestMailServer MAIL = TestMailServer.start();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${helpdesk.topics.tickets}")
    String ticketsTopic;
    @Value("${helpdesk.topics.sla}")
    String slaTopic;
    @Value("${helpdesk.topics.escalations}")
    String escalationsTopic;

    DeskEvents desk;
    Api api;

    @BeforeAll
    void connect() {
        desk = new DeskEvents(bootstrapServers, objectMapper, ticketsTopic, slaTopic, escalationsTopic);
        api = new Api(objectMapper, port);
    }

    @AfterAll
    void disconnect() {
        desk.close();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    /** A new organisation with its managers. */
    String organization(String supportManager, String relationshipManager) {
        String org = id();
        awaitApplied(desk.organizationRegistered(org, supportManager, relationshipManager));
        return org;
    }

    /** A new contact of the organisation (its contact-added event applied); the contact's address is userId@customer.example. */
    String contactOf(String organizationId) {
        String userId = "contact-" + id().substring(0, 8);
        awaitApplied(desk.contactAdded(organizationId, userId, addressOf(userId)));
        return userId;
    }

    static String addressOf(String contact) {
        return contact + "@customer.example";
    }

    /** A ticket the contact opened, assigned to agent-1. */
    String ticketOpenedBy(String contact, String organizationId) {
        String ticket = id();
        desk.ticketOpened(ticket, organizationId, contact, ActorKind.CONTACT);
        awaitApplied(desk.assigned(ticket, "agent-1"));
        return ticket;
    }

    /** Waits until the service applied the event (and queued its mails: the same transaction). */
    void awaitApplied(EventEnvelope<Object> event) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, event.id()) == 1);
    }

    int mailsQueuedFor(EventEnvelope<Object> event) {
        return jdbc.queryForObject("SELECT count(*) FROM mail WHERE event_id = ?", Integer.class, event.id());
    }

    List<MimeMessage> awaitMails(String address, int count) {
        return await().atMost(PATIENCE).until(() -> MAIL.receivedBy(address), mails -> mails.size() >= count);
    }
}
