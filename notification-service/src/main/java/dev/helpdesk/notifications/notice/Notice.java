package dev.helpdesk.notifications.notice;

import java.util.Map;

/** One mail to send: its type (the template and the opt-out), to whom, and the values its template fills in. */
public record Notice(NotificationType type, Recipient recipient, Map<String, String> values) {

    public Notice {
        values = Map.copyOf(values);
    }
}
