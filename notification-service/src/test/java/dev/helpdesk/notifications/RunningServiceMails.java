package dev.helpdesk.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Reads received mails in assertions. */
final class RunningServiceMails {

    private RunningServiceMails() {
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
