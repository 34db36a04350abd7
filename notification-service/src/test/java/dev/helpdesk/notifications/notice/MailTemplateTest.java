package dev.helpdesk.notifications.notice;

import dev.helpdesk.notifications.mail.MailTemplates;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The templates: one per type, values filled in, nothing a value holds can add a header. */
class MailTemplateTest {

    @Test
    void everyTypeHasATemplateWithASubjectNamingTheTicket() {
        MailTemplates templates = new MailTemplates();
        for (NotificationType type : NotificationType.values()) {
            MailTemplate.RenderedMail mail = templates.of(type).render(Map.of("ticketKey", "HD-7", "title", "Quiz"));
            assertThat(mail.subject()).as(type.id()).startsWith("[HD-7] Quiz");
            assertThat(mail.body()).as(type.id()).contains(type.id()).doesNotContain("{{");
        }
    }

    @Test
    void fillsValuesAndLeavesUnknownNamesEmpty() {
        MailTemplate template = MailTemplate.parse("t", "Subject: [{{ticketKey}}] {{title}}\n\nHello {{who}}, {{body}}$1\\\n");

        MailTemplate.RenderedMail mail = template.render(Map.of("ticketKey", "HD-1", "title", "T", "body", "costs $5 \\o/"));

        assertThat(mail.subject()).isEqualTo("[HD-1] T");
        assertThat(mail.body()).isEqualTo("Hello , costs $5 \\o/$1\\\n");
    }

    @Test
    void aValueCannotBreakTheSubjectIntoHeaders() {
        MailTemplate template = MailTemplate.parse("t", "Subject: {{title}}\n\nbody");

        String subject = template.render(Map.of("title", "Hi\r\nBcc: victim@example.org")).subject();

        assertThat(subject).isEqualTo("Hi Bcc: victim@example.org").doesNotContain("\n").doesNotContain("\r");
        assertThat(template.render(Map.of("title", "x".repeat(500))).subject()).hasSize(200);
    }

    @Test
    void aTemplateWithoutSubjectLineIsRefused() {
        assertThatThrownBy(() -> MailTemplate.parse("broken", "Hello\n\nbody")).isInstanceOf(IllegalArgumentException.class);
    }
}
