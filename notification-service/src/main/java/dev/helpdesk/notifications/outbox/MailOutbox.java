package dev.helpdesk.notifications.outbox;

import dev.helpdesk.notifications.config.NotificationProperties;
import dev.helpdesk.notifications.mail.MailTemplates;
import dev.helpdesk.notifications.notice.MailTemplate.RenderedMail;
import dev.helpdesk.notifications.notice.Notice;
import dev.helpdesk.notifications.notice.Recipient;
import dev.helpdesk.notifications.preference.OptOuts;
import dev.helpdesk.pipeline.inbound.InboundEvent;
import dev.helpdesk.pipeline.timer.TimerAlarm;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the mails of an event into the {@code mail} outbox, in the transaction that applies the event (and records
 * its id): each notice's recipient is resolved to an address, a user's opt-out is honoured, and a recipient addressed
 * as a contact gets the mail only while a current contact of the ticket's organisation. The sender loop is woken after
 * the commit.
 */
@Component
public class MailOutbox {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

    private final JdbcTemplate jdbc;
    private final MailTemplates templates;
    private final OptOuts optOuts;
    private final TimerAlarm alarm;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String messageIdDomain;
    private final java.time.Duration maxEventAge;

    public MailOutbox(JdbcTemplate jdbc, MailTemplates templates, OptOuts optOuts, TimerAlarm mailAlarm, Clock clock,
                      MeterRegistry meters, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.optOuts = optOuts;
        this.alarm = mailAlarm;
        this.clock = clock;
        this.meters = meters;
        this.messageIdDomain = properties.messageIdDomain();
        this.maxEventAge = properties.maxEventAge();
    }

    /**
     * Queues the notices of one event; answers how many mails were queued. An event older than the configured age
     * mails nobody: a new deployment (or a consumer group reset) reading the topics' whole history must not mail
     * everyone about every past reply.
     */
    public int queue(InboundEvent event, String ticketId, String organizationId, List<Notice> notices) {
        String eventId = event.id();
        Instant occurredAt = event.envelope().time();
        if (!notices.isEmpty() && occurredAt != null && occurredAt.isBefore(clock.instant().minus(maxEventAge))) {
            notices.forEach(notice -> meters.counter("helpdesk.notifications.skipped", "type", notice.type().id(),
                    "why", "stale").increment());
            log.info("No mail for event {}: it happened at {}, longer ago than {}", eventId, occurredAt, maxEventAge);
            return 0;
        }
        int queued = 0;
        for (Notice notice : notices) {
            Optional<String> address = addressOf(notice.recipient());
            if (address.isEmpty()) {
                meters.counter("helpdesk.notifications.skipped", "type", notice.type().id(), "why", "no-address").increment();
                log.info("No mail for event {} ({}): recipient has no known address or is no contact of organisation {}",
                        eventId, notice.type().id(), notice.recipient().contactOfOrganization());
                continue;
            }
            String userId = notice.recipient().userId();
            if (userId != null && optOuts.optedOut(userId, notice.type())) {
                meters.counter("helpdesk.notifications.skipped", "type", notice.type().id(), "why", "opted-out").increment();
                continue;
            }
            RenderedMail mail = templates.of(notice.type()).render(notice.values());
            queued += jdbc.update("""
                    INSERT INTO mail (event_id, message_id, recipient, recipient_user_id, notification_type,
                                      organization_id, ticket_id, subject, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (event_id, recipient) DO NOTHING""",
                    eventId, messageId(eventId, address.get()), address.get(), userId, notice.type().id(),
                    organizationId, ticketId, mail.subject(), mail.body());
        }
        if (queued > 0) {
            alarm.timerSet(clock.instant());
        }
        return queued;
    }

    /**
     * A user's address, or a bare address as it stands. A contact's address is found only while they are a current
     * contact of the organisation named: a contact who left it (removed, transferred) is mailed nothing of its tickets.
     */
    private Optional<String> addressOf(Recipient recipient) {
        if (recipient.userId() == null) {
            return Optional.ofNullable(recipient.address());
        }
        if (recipient.isContact()) {
            return jdbc.queryForList("""
                    SELECT a.email FROM user_address a
                    JOIN contact_membership m ON m.user_id = a.user_id AND m.organization_id = ?
                    WHERE a.user_id = ?""", String.class, recipient.contactOfOrganization(), recipient.userId())
                    .stream().findFirst();
        }
        return jdbc.queryForList("SELECT email FROM user_address WHERE user_id = ?", String.class, recipient.userId())
                .stream().findFirst();
    }

    /**
     * A Message-ID fixed for this event and recipient: a mail sent again (after a crash between the server's answer
     * and the mark) carries the same one, so mail clients and the recipient can tell the repeat.
     */
    String messageId(String eventId, String address) {
        return "<" + hash(eventId + "\n" + address.toLowerCase(Locale.ROOT)) + "@" + messageIdDomain + ">";
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "notification." + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
