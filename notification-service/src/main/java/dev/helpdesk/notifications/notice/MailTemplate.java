package dev.helpdesk.notifications.notice;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain-text mail template: a first line {@code Subject: ...}, an empty line, the body; {@code {{name}}} is replaced
 * by the notice's value of that name (an unknown name by nothing). The subject is kept to one line whatever the values
 * hold, so no value can add a header.
 */
public record MailTemplate(String subject, String body) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");
    private static final int LONGEST_SUBJECT = 200;

    public static MailTemplate parse(String name, String text) {
        String normalized = text.replace("\r\n", "\n");
        int end = normalized.indexOf('\n');
        if (!normalized.startsWith("Subject:") || end < 0) {
            throw new IllegalArgumentException("Template " + name + " must start with a 'Subject:' line");
        }
        String body = normalized.substring(end + 1);
        if (body.startsWith("\n")) {
            body = body.substring(1);
        }
        return new MailTemplate(normalized.substring("Subject:".length(), end).trim(), body);
    }

    public RenderedMail render(Map<String, String> values) {
        String renderedSubject = fill(subject, values).replaceAll("[\\r\\n\\t\\p{Cntrl}]+", " ").trim();
        if (renderedSubject.length() > LONGEST_SUBJECT) {
            renderedSubject = renderedSubject.substring(0, LONGEST_SUBJECT - 1) + "\u2026";
        }
        return new RenderedMail(renderedSubject, fill(body, values));
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A mail's subject and plain-text body. */
    public record RenderedMail(String subject, String body) {
    }
}
