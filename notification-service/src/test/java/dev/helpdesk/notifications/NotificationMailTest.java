package dev.helpdesk.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.events.ActorKind;
import dev.helpdesk.events.EventEnvelope;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.Visibility;
import dev.helpdesk.testsupport.ServiceApi.Answer;
import dev.helpdesk.testsupport.ApiDocumentAssertions;
import dev.helpdesk.testsupport.TestTokens;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events in, mails out at a real SMTP server: who is told what, opt-outs, and tenancy. */
class NotificationMailTest extends RunningService {

    @Test
    void publicReplyBySupportMailsTheContactOnceAndAnInternalNoteMailsNobody() throws Exception {
        String org = organization("manager-1", null);
        String contact = contactOf(org);
        String ticket = ticketOpenedBy(contact, org);

        EventEnvelope<Object> reply = desk.comment(ticket, "agent-1", ActorKind.STAFF, Visibility.PUBLIC,
                "Please clear your browser cache.");
        EventEnvelope<Object> note = desk.comment(ticket, "agent-1", ActorKind.STAFF, Visibility.INTERNAL,
                "Customer's theme is ancient");
        desk.resend(reply);
        EventEnvelope<Object> marker = desk.comment(ticket, "agent-1", ActorKind.STAFF, Visibility.INTERNAL, "marker");
        awaitApplied(marker);

        MimeMessage mail = awaitMails(addressOf(contact), 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("[HD-" + ticket.substring(0, 4) + "] Quiz page broken: support replied");
        assertThat(mail.getContent().toString()).contains("Please clear your browser cache.")
                .doesNotContain("ancient");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Helpdesk <helpdesk@desk.example>");
        assertThat(mail.getMessageID()).isEqualTo(jdbc.queryForObject(
                "SELECT message_id FROM mail WHERE event_id = ?", String.class, reply.id()));
        assertThat(mail.getMessageID()).matches("<notification\\.[0-9a-f]{32}@desk\\.example>");
        assertThat(mailsQueuedFor(note)).isZero();
        assertThat(MAIL.receivedBy(addressOf(contact))).hasSize(1);
        assertThat(MAIL.receivedBy("agent-1@desk.example")).noneMatch(m -> subjectOf(m).contains(ticket.substring(0, 4)));
    }

    @Test
    void anEventFromBeforeTheMaximumAgeMailsNobody() throws Exception {
        String org = organization("manager-1", null);
        String contact = contactOf(org);
        String ticket = ticketOpenedBy(contact, org);

        EventEnvelope<Object> old = desk.commentAt(Instant.now().minus(Duration.ofDays(3)), ticket, "agent-1",
                ActorKind.STAFF, "Reply from the history");
        EventEnvelope<Object> fresh = desk.comment(ticket, "agent-1", ActorKind.STAFF, Visibility.PUBLIC, "Reply of today");
        awaitApplied(fresh);

        assertThat(mailsQueuedFor(old)).isZero();
        assertThat(mailsQueuedFor(fresh)).isEqualTo(1);
        assertThat(awaitMails(addressOf(contact), 1)).singleElement()
                .satisfies(mail -> assertThat(mail.getContent().toString()).contains("Reply of today"));
    }

    @Test
    void contactsReplyMailsTheAssignee() throws Exception {
        String org = organization("manager-1", null);
        String contact = contactOf(org);
        String ticket = ticketOpenedBy(contact, org);

        EventEnvelope<Object> reply = desk.comment(ticket, contact, ActorKind.CONTACT, Visibility.PUBLIC, "Still broken here");
        awaitApplied(reply);

        MimeMessage mail = await().atMost(PATIENCE).until(() -> MAIL.receivedBy("agent-1@desk.example").stream()
                .filter(m -> subjectOf(m).contains("HD-" + ticket.substring(0, 4))).toList(), m -> !m.isEmpty()).get(0);
        assertThat(mail.getSubject()).endsWith("the contact replied");
        assertThat(mail.getContent().toString()).contains("Still broken here");
        assertThat(mailsQueuedFor(reply)).isEqualTo(1);
    }

    @Test
    void statusChangeAndSlaWarningMailTheContact() throws Exception {
        String org = organization("manager-1", null);
        String contact = contactOf(org);
        String ticket = ticketOpenedBy(contact, org);

        desk.statusChanged(ticket, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, "The cache was cleared.");
        desk.slaWarning(ticket, org, 75);

        List<MimeMessage> mails = awaitMails(addressOf(contact), 2);
        assertThat(mails).extracting(RunningServiceMails::subject).containsExactlyInAnyOrder(
                "[HD-" + ticket.substring(0, 4) + "] Quiz page broken: now RESOLVED",
                "[HD-" + ticket.substring(0, 4) + "] Quiz page broken: 75% of the resolution target used");
        assertThat(mails).anySatisfy(m -> assertThat(m.getContent().toString()).contains("The cache was cleared."));
    }

    @Test
    void aUserReadsAndChangesTheirOptOutsAndOptedOutMailsAreNotSent() throws Exception {
        String org = organization("manager-1", null);
        String contact = contactOf(org);
        String ticket = ticketOpenedBy(contact, org);
        String token = TestTokens.contact(contact, org);

        Answer initial = api.get("/api/me/notifications", token);
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.body().path("optOuts")).isEmpty();
        assertThat(initial.body().path("types")).hasSize(6)
                .allSatisfy(type -> assertThat(type.path("enabled").asBoolean()).isTrue());
        Answer unknown = api.put("/api/me/notifications", token, "{\"optOuts\":[\"public-reply\",\"newsletter\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(unknown.body().path("errors").get(0).path("field").asText()).isEqualTo("optOuts[1]");
        assertThat(api.put("/api/me/notifications", token, "{}").status()).isEqualTo(400);
        assertThat(api.put("/api/me/notifications", null, "{\"optOuts\":[]}").status()).isEqualTo(401);
        assertThat(api.get("/api/me/notifications", TestTokens.contact("not-a-contact", org)).status())
                .as("a contact the organisation does not list").isEqualTo(403);

        Answer changed = api.put("/api/me/notifications", token, "{\"optOuts\":[\"public-reply\"]}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("optOuts").get(0).asText()).isEqualTo("public-reply");
        JsonNode publicReply = api.get("/api/me/notifications", token).body().path("types").get(0);
        assertThat(publicReply.path("type").asText()).isEqualTo("public-reply");
        assertThat(publicReply.path("enabled").asBoolean()).isFalse();

        EventEnvelope<Object> reply = desk.comment(ticket, "agent-1", ActorKind.STAFF, Visibility.PUBLIC, "Try again now");
        desk.statusChanged(ticket, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_CUSTOMER, null);

        MimeMessage mail = awaitMails(addressOf(contact), 1).get(0);
        assertThat(mail.getSubject()).endsWith("now WAITING_ON_CUSTOMER");
        assertThat(mailsQueuedFor(reply)).isZero();
        assertThat(MAIL.receivedBy(addressOf(contact))).hasSize(1);
        assertThat(api.get("/api/me/notifications", TestTokens.contact(contact, org)).body().path("optOuts").size())
                .as("opt-outs are the user's own").isEqualTo(1);
        assertThat(api.get("/api/me/notifications", TestTokens.agent("agent-9")).body().path("optOuts")).isEmpty();
    }

    @Test
    void aContactIsNeverMailedAboutAnotherOrganisationsTicket() throws Exception {
        String mine = organization("manager-1", null);
        String theirs = organization("manager-1", null);
        String moved = contactOf(mine);
        String oldTicket = ticketOpenedBy(moved, mine);
        awaitApplied(desk.contactTransferred(mine, moved, theirs));
        awaitApplied(desk.contactAdded(theirs, moved, addressOf(moved)));
        String outsider = contactOf(mine);
        String foreignTicket = id();
        desk.ticketOpened(foreignTicket, theirs, outsider, ActorKind.CONTACT);
        String insider = contactOf(theirs);
        String ownTicket = ticketOpenedBy(insider, theirs);

        EventEnvelope<Object> toMoved = desk.comment(oldTicket, "agent-1", ActorKind.STAFF, Visibility.PUBLIC, "Old organisation's news");
        EventEnvelope<Object> toOutsider = desk.comment(foreignTicket, "agent-1", ActorKind.STAFF, Visibility.PUBLIC, "Not yours");
        EventEnvelope<Object> warning = desk.slaWarning(foreignTicket, theirs, 90);
        EventEnvelope<Object> toInsider = desk.comment(ownTicket, "agent-1", ActorKind.STAFF, Visibility.PUBLIC, "Yours");
        awaitApplied(toMoved);
        awaitApplied(toOutsider);
        awaitApplied(warning);

        assertThat(awaitMails(addressOf(insider), 1).get(0).getContent().toString()).contains("Yours");
        assertThat(mailsQueuedFor(toMoved)).as("a contact who left the organisation").isZero();
        assertThat(mailsQueuedFor(toOutsider)).as("a contact of another organisation named as opener").isZero();
        assertThat(mailsQueuedFor(warning)).isZero();
        assertThat(mailsQueuedFor(toInsider)).isEqualTo(1);
        assertThat(MAIL.receivedBy(addressOf(moved))).isEmpty();
        assertThat(MAIL.receivedBy(addressOf(outsider))).isEmpty();
    }

    @Test
    void escalationsMailTheManagersAndFromLevelTwoTheRelationshipManager() throws Exception {
        String relationshipManager = "rm-" + id().substring(0, 8) + "@customer.example";
        String org = organization("manager-1", relationshipManager);
        String contact = contactOf(org);
        String ticket = ticketOpenedBy(contact, org);

        EventEnvelope<Object> first = desk.escalationRaised(ticket, org, 1, "SLA_BREACH");
        awaitApplied(first);
        assertThat(jdbc.queryForList("SELECT recipient FROM mail WHERE event_id = ?", String.class, first.id()))
                .containsExactlyInAnyOrder("manager-1@desk.example", "head@desk.example");
        EventEnvelope<Object> second = desk.escalationRaised(ticket, org, 2, "ACKNOWLEDGEMENT_TIMEOUT");
        awaitApplied(second);

        MimeMessage toRelationshipManager = awaitMails(relationshipManager, 1).get(0);
        assertThat(toRelationshipManager.getSubject()).endsWith("escalation not acknowledged, now level 2");
        assertThat(toRelationshipManager.getContent().toString()).contains("by 20");
        assertThat(jdbc.queryForList("SELECT recipient FROM mail WHERE event_id = ?", String.class, second.id()))
                .containsExactlyInAnyOrder("manager-1@desk.example", "head@desk.example", relationshipManager);
        assertThat(awaitMails("manager-1@desk.example", 2)).extracting(RunningServiceMails::subject)
                .anyMatch(subject -> subject.endsWith("escalated to level 1"));
        assertThat(MAIL.receivedBy(addressOf(contact))).as("contacts are not told of escalations").isEmpty();
    }

    @Test
    void theApiDocumentDeclaresBearerSecurityAndTheProblemResponsesOfEveryOperation() throws Exception {
        JsonNode document = ApiDocumentAssertions.assertServesTheEdgeDocument(port);

        assertThat(document.at("/paths/~1api~1me~1notifications/put/responses/400/content").has("application/problem+json"))
                .isTrue();
        assertThat(document.at("/paths/~1api~1me~1notifications/get/parameters").findValuesAsText("name"))
                .doesNotContain("caller");
    }

    @Test
    void theRelationshipManagerTheEscalationNamesIsMailedFromLevelTwo() {
        String org = organization("manager-1", null);
        String contact = contactOf(org);
        String ticket = ticketOpenedBy(contact, org);
        String named = "rm-" + id().substring(0, 8) + "@customer.example";

        EventEnvelope<Object> raised = desk.escalationRaised(ticket, org, 2, "CUSTOMER_REQUEST", named);
        awaitApplied(raised);

        assertThat(jdbc.queryForList("SELECT recipient FROM mail WHERE event_id = ?", String.class, raised.id()))
                .containsExactlyInAnyOrder("manager-1@desk.example", "head@desk.example", named);
        assertThat(awaitMails(named, 1)).singleElement()
                .satisfies(mail -> assertThat(RunningServiceMails.subject(mail)).endsWith("escalated to level 2"));
    }

    private static String subjectOf(MimeMessage message) {
        return RunningServiceMails.subject(message);
    }
}
