package dev.helpdesk.notifications.mail;

import dev.helpdesk.notifications.notice.MailTemplate;
import dev.helpdesk.notifications.notice.NotificationType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The template of each notification type, {@code classpath:mail/<type>.txt}, read once at start: a type without a
 * readable template stops the service from starting rather than losing its mails later.
 */
@Component
public class MailTemplates {

    private final Map<NotificationType, MailTemplate> templates = new EnumMap<>(NotificationType.class);

    public MailTemplates() {
        for (NotificationType type : NotificationType.values()) {
            String path = "mail/" + type.id() + ".txt";
            try (InputStream in = new ClassPathResource(path).getInputStream()) {
                templates.put(type, MailTemplate.parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("No mail template " + path, e);
            }
        }
    }

    public MailTemplate of(NotificationType type) {
        return templates.get(type);
    }
}
