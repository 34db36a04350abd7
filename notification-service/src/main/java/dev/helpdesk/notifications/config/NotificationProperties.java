package dev.helpdesk.notifications.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import dev.helpdesk.notifications.notice.EmailAddresses;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every knob of the notification service ({@code helpdesk.notifications.*}, environment
 * {@code HELPDESK_NOTIFICATIONS_*}), validated at start; SMTP is Spring's {@code spring.mail.*}
 * ({@code HELPDESK_SMTP_*}). See docs/notifications.md.
 *
 * @param consumerGroup  the consumer group of the three topics read (all instances share it)
 * @param from           the sender of every mail
 * @param managers       addresses told of every escalation, comma-separated
 * @param staffAddresses staff addresses the events do not carry: {@code user=address} pairs, comma-separated
 * @param sender         the outbox's sender loop
 * @param maxEventAge    events older than this (by their time) mail nobody: a first start or a reset reading the
 *                       topics' history sends no stale mails
 */
@Validated
@ConfigurationProperties("helpdesk.notifications")
public record NotificationProperties(@NotBlank String consumerGroup, @NotBlank String from, String managers,
                                     String staffAddresses, @Valid @NotNull Sender sender, Duration maxEventAge) {

    public NotificationProperties {
        consumerGroup = consumerGroup == null ? "notification-service" : consumerGroup;
        from = from == null ? "Helpdesk <helpdesk@localhost>" : from;
        managers = managers == null ? "" : managers;
        staffAddresses = staffAddresses == null ? "" : staffAddresses;
        sender = sender == null ? new Sender(null, 0, null, null, null, null) : sender;
        maxEventAge = maxEventAge == null ? Duration.ofDays(2) : maxEventAge;
        if (maxEventAge.isNegative() || maxEventAge.isZero()) {
            throw new IllegalArgumentException("helpdesk.notifications.max-event-age must be positive");
        }
        // checked here, so that a malformed value stops the start (the record's fields are assigned after this body)
        addressOf(from);
        for (String address : addressesIn(managers)) {
            if (!EmailAddresses.isValid(address)) {
                throw new IllegalArgumentException("helpdesk.notifications.managers: not an e-mail address: " + address);
            }
        }
        addressBookOf(staffAddresses);
    }

    /** The sender, checked (RFC 5322, a display name allowed); throws on a malformed one (the service does not start). */
    public InternetAddress senderAddress() {
        return addressOf(from);
    }

    private static InternetAddress addressOf(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            if (!EmailAddresses.isValid(address.getAddress())) {
                throw new AddressException("not a single address", from);
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("helpdesk.notifications.from: not an e-mail address: " + from);
        }
    }

    /** The domain of the Message-IDs this service makes: the sender's. */
    public String messageIdDomain() {
        String address = senderAddress().getAddress();
        return address.substring(address.indexOf('@') + 1);
    }

    /** The addresses told of every escalation. */
    public List<String> managerAddresses() {
        return addressesIn(managers);
    }

    private static List<String> addressesIn(String managers) {
        return Arrays.stream(managers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The configured staff addresses by user id; throws on a malformed entry (the service does not start). */
    public Map<String, String> staffAddressBook() {
        return addressBookOf(staffAddresses);
    }

    private static Map<String, String> addressBookOf(String staffAddresses) {
        Map<String, String> book = new LinkedHashMap<>();
        for (String entry : staffAddresses.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String user = equals < 0 ? "" : entry.substring(0, equals).trim();
            String address = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (user.isEmpty() || !EmailAddresses.isValid(address)) {
                throw new IllegalArgumentException(
                        "helpdesk.notifications.staff-addresses: expected user=address, got '" + entry.trim() + "'");
            }
            book.put(user, address);
        }
        return book;
    }

    /**
     * @param pollInterval  how often the loop looks for due mails when it found none
     * @param batchSize     mails claimed and sent per round
     * @param firstRetry    pause before the first retry; doubles with each try
     * @param maxRetryPause the longest pause between two tries
     * @param retention     how long sent (and given up) mails are kept
     * @param giveUpAfter   how long after its creation a mail the SMTP server keeps refusing is given up
     */
    public record Sender(Duration pollInterval, @Min(1) @Max(500) int batchSize, Duration firstRetry,
                         Duration maxRetryPause, Duration retention, Duration giveUpAfter) {

        public Sender {
            pollInterval = positive(pollInterval, Duration.ofMillis(500), "poll-interval");
            batchSize = batchSize == 0 ? 20 : batchSize;
            firstRetry = positive(firstRetry, Duration.ofSeconds(5), "first-retry");
            maxRetryPause = positive(maxRetryPause, Duration.ofMinutes(10), "max-retry-pause");
            retention = positive(retention, Duration.ofDays(7), "retention");
            giveUpAfter = positive(giveUpAfter, Duration.ofDays(3), "give-up-after");
        }

        private static Duration positive(Duration value, Duration fallback, String name) {
            Duration chosen = value == null ? fallback : value;
            if (chosen.isNegative() || chosen.isZero()) {
                throw new IllegalArgumentException("helpdesk.notifications.sender." + name + " must be positive");
            }
            return chosen;
        }
    }
}
