package dev.helpdesk.notifications.outbox;

import dev.helpdesk.notifications.notice.NotificationType;
import dev.helpdesk.notifications.config.NotificationProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the due mails of the outbox. Each round claims up to a batch of due rows with {@code FOR UPDATE SKIP LOCKED}
 * (several instances never claim the same row), hands them to the SMTP server over one connection, and in the same
 * transaction marks those the server took as sent and gives each one it did not take its next try (back-off doubling
 * up to a limit; a mail is never dropped). A mail is marked only after the server took it: a crash or a failed
 * commit in between sends it again, with the same Message-ID (at least once, docs/notifications.md).
 */
@Component
public class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final int LONGEST_ERROR = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JavaMailSender smtp;
    private final NotificationProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile Instant nextPrune = Instant.EPOCH;

    public MailDelivery(JdbcTemplate jdbc, TransactionTemplate transactions, JavaMailSender smtp,
                        NotificationProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.smtp = smtp;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        // at zero from the start, so that rates and alerts see a series before the first mail of a kind
        for (NotificationType type : NotificationType.values()) {
            for (String name : List.of("helpdesk.notifications.sent", "helpdesk.notifications.given.up",
                    "helpdesk.notifications.send.failures")) {
                meters.counter(name, "type", type.id());
            }
        }
    }

    /** Sends what is due, round after round while rounds come back full; answers when the next unsent mail is due. */
    public Instant sendDue() {
        pruneIfDue();
        int batchSize = properties.sender().batchSize();
        while (Boolean.TRUE.equals(transactions.execute(status -> sendRound(batchSize) == batchSize))) {
            // a full round: more may be due at once
        }
        return jdbc.queryForList("SELECT min(next_attempt_at) FROM mail WHERE sent_at IS NULL AND given_up_at IS NULL", Timestamp.class)
                .stream().filter(java.util.Objects::nonNull).map(Timestamp::toInstant).findFirst().orElse(null);
    }

    /** One round in the caller's transaction: answers how many rows it claimed. */
    private int sendRound(int batchSize) {
        List<DueMail> due = jdbc.query("""
                SELECT id, message_id, recipient, notification_type, subject, body, created_at, attempts FROM mail
                WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, n) -> new DueMail(rs.getLong("id"), rs.getString("message_id"), rs.getString("recipient"),
                        rs.getString("notification_type"), rs.getString("subject"), rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts")), batchSize);
        if (due.isEmpty()) {
            return 0;
        }
        Map<MimeMessage, DueMail> messages = new IdentityHashMap<>();
        for (DueMail mail : due) {
            try {
                messages.put(message(mail), mail);
            } catch (MessagingException | MailException e) {
                failed(mail, e);
            }
        }
        Map<Object, Exception> refused = send(messages.keySet().toArray(MimeMessage[]::new));
        messages.forEach((message, mail) -> {
            if (refused.containsKey(message)) {
                failed(mail, refused.get(message));
            } else {
                sent(mail);
            }
        });
        return due.size();
    }

    /**
     * Sends over one connection; answers the messages the server did not take, each with its reason (all of them
     * when it cannot be reached).
     */
    private Map<Object, Exception> send(MimeMessage[] messages) {
        if (messages.length == 0) {
            return Map.of();
        }
        try {
            smtp.send(messages);
            return Map.of();
        } catch (MailSendException e) {
            return e.getFailedMessages().isEmpty() ? everyOne(messages, e) : e.getFailedMessages();
        } catch (MailException e) {
            return everyOne(messages, e);
        }
    }

    private static Map<Object, Exception> everyOne(MimeMessage[] messages, Exception e) {
        Map<Object, Exception> failures = new IdentityHashMap<>();
        for (MimeMessage message : messages) {
            failures.put(message, e);
        }
        return failures;
    }

    private MimeMessage message(DueMail mail) throws MessagingException {
        MimeMessage message = smtp.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(properties.senderAddress());
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        // the same mail every time it is sent: a repeat is recognisable by its Message-ID (kept by Spring's sender)
        helper.setSentDate(Date.from(mail.createdAt()));
        message.setHeader("Message-ID", mail.messageId());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Helpdesk-Notification", mail.type());
        return message;
    }

    private void sent(DueMail mail) {
        jdbc.update("UPDATE mail SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ?", mail.id());
        meters.counter("helpdesk.notifications.sent", "type", mail.type()).increment();
    }

    private void failed(DueMail mail, Exception reason) {
        Duration pause = backOff(mail.attempts());
        String error = reason == null ? "refused" : reason.getClass().getSimpleName() + ": " + reason.getMessage();
        if (!mail.createdAt().plus(properties.sender().giveUpAfter()).isAfter(clock.instant())) {
            jdbc.update("UPDATE mail SET attempts = attempts + 1, last_error = ?, given_up_at = now() WHERE id = ?",
                    error.length() > LONGEST_ERROR ? error.substring(0, LONGEST_ERROR) : error, mail.id());
            meters.counter("helpdesk.notifications.given.up", "type", mail.type()).increment();
            log.error("Mail {} ({}) to {} given up after {} tries over {}: {}", mail.id(), mail.type(),
                    mail.recipient(), mail.attempts() + 1, properties.sender().giveUpAfter(), error);
            return;
        }
        jdbc.update("""
                UPDATE mail SET attempts = attempts + 1, last_error = ?,
                    next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?""",
                error.length() > LONGEST_ERROR ? error.substring(0, LONGEST_ERROR) : error,
                pause.toMillis() / 1000.0, mail.id());
        meters.counter("helpdesk.notifications.send.failures", "type", mail.type()).increment();
        log.warn("Mail {} ({}) not sent, try {}; next try in {} ms: {}", mail.id(), mail.type(), mail.attempts() + 1,
                pause.toMillis(), error);
    }

    /** The pause after the given number of earlier tries: the first retry pause, doubling, at most the longest. */
    Duration backOff(int earlierAttempts) {
        Duration first = properties.sender().firstRetry();
        Duration longest = properties.sender().maxRetryPause();
        int doublings = Math.min(earlierAttempts, 30);
        Duration pause = first.multipliedBy(1L << doublings);
        return pause.compareTo(longest) > 0 || pause.isNegative() ? longest : pause;
    }

    private void pruneIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(Duration.ofHours(1));
        int pruned = jdbc.update("""
                DELETE FROM mail WHERE id IN (SELECT id FROM mail WHERE sent_at < now() - make_interval(secs => ?)
                UNION ALL SELECT id FROM mail WHERE given_up_at < now() - make_interval(secs => ?) LIMIT 10000)""",
                properties.sender().retention().toSeconds() * 1.0, properties.sender().retention().toSeconds() * 1.0);
        if (pruned > 0) {
            log.info("Pruned {} sent mails older than {}", pruned, properties.sender().retention());
        }
    }

    private record DueMail(long id, String messageId, String recipient, String type, String subject, String body,
                           Instant createdAt, int attempts) {
    }
}
