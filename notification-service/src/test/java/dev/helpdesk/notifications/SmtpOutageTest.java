package dev.helpdesk.notifications;

import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.notifications.config.NotificationProperties;
import dev.helpdesk.notifications.outbox.MailDelivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox's guarantees: an SMTP outage loses nothing and sends nothing twice; several senders send each mail once. */
class SmtpOutageTest extends RunningService {

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JavaMailSender smtp;
    @Autowired
    NotificationProperties properties;

    @Test
    void aMailQueuedWhileTheSmtpServerIsDownIsSentOnceWhenItIsBack() throws Exception {
        String org = organization("manager-1", null);
        String contact = contactOf(org);
        String ticket = ticketOpenedBy(contact, org);

        MAIL.down();
        try {
            EventEnvelope<Object> reply = desk.comment(ticket, "agent-1", ActorKind.STAFF, Visibility.PUBLIC, "During the outage");
            awaitApplied(reply);
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                    "SELECT attempts FROM mail WHERE event_id = ? AND sent_at IS NULL", Integer.class, reply.id()) >= 2);
            Map<String, Object> row = jdbc.queryForMap("SELECT last_error, next_attempt_at > now() AS later FROM mail WHERE event_id = ?", reply.id());
            assertThat(row.get("last_error").toString()).contains("connect");
            assertThat(row.get("later")).as("backed off").isEqualTo(true);
        } finally {
            MAIL.up();
        }

        MimeMessage mail = awaitMails(addressOf(contact), 1).get(0);
        assertThat(mail.getContent().toString()).contains("During the outage");
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM mail WHERE ticket_id = ? AND sent_at IS NOT NULL", Integer.class, ticket) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> MAIL.receivedBy(addressOf(contact)).size() == 1);
    }

    @Test
    void severalSendersAtOnceSendEachMailOnce() throws Exception {
        String run = id().substring(0, 8);
        for (int i = 0; i < 40; i++) {
            jdbc.update("""
                    INSERT INTO mail (event_id, message_id, recipient, notification_type, subject, body)
                    VALUES (?, ?, ?, 'public-reply', ?, 'body')""",
                    "event-" + run + "-" + i, "<" + run + "." + i + "@desk.example>", "many-" + run + "@customer.example",
                    "Mail " + i);
        }
        List<MailDelivery> senders = List.of(sender(), sender(), sender());
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            List<Callable<Object>> rounds = new ArrayList<>();
            senders.forEach(sender -> rounds.add(sender::sendDue));
            for (Future<Object> round : pool.invokeAll(rounds)) {
                round.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<MimeMessage> mails = awaitMails("many-" + run + "@customer.example", 40);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> MAIL.receivedBy("many-" + run + "@customer.example").size() == 40);
        assertThat(mails).extracting(RunningServiceMails::subject).doesNotHaveDuplicates().hasSize(40);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mail WHERE event_id LIKE ? AND sent_at IS NOT NULL AND attempts = 1",
                Integer.class, "event-" + run + "-%")).isEqualTo(40);
    }

    @Test
    void aMailRefusedLongerThanTheGiveUpPeriodIsGivenUpAndNotTriedAgain() {
        String run = id().substring(0, 8);
        jdbc.update("""
                INSERT INTO mail (event_id, message_id, recipient, notification_type, subject, body, created_at)
                VALUES (?, ?, ?, 'public-reply', 'Old mail', 'body', now() - interval '4 days')""",
                "event-old-" + run, "<old." + run + "@desk.example>", "old-" + run + "@customer.example");
        MAIL.down();
        try {
            sender().sendDue();
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                    "SELECT given_up_at IS NOT NULL FROM mail WHERE event_id = ?", Boolean.class, "event-old-" + run));
            sender().sendDue();
        } finally {
            MAIL.up();
        }
        sender().sendDue();
        Map<String, Object> row = jdbc.queryForMap("SELECT attempts, sent_at, last_error FROM mail WHERE event_id = ?",
                "event-old-" + run);
        assertThat(row.get("attempts")).as("tried once, then given up").isEqualTo(1);
        assertThat(row.get("sent_at")).isNull();
        assertThat(row.get("last_error").toString()).contains("connect");
        assertThat(MAIL.receivedBy("old-" + run + "@customer.example")).isEmpty();
    }

    /** Another instance's sender: the same database and SMTP server, its own loop. */
    private MailDelivery sender() {
        return new MailDelivery(jdbc, transactions, smtp, properties, Clock.systemUTC(), new SimpleMeterRegistry());
    }
}
