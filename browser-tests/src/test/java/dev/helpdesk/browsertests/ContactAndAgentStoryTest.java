package dev.helpdesk.browsertests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The done-when story in two browsers: the contact opens a ticket with a screenshot, the agent answers it in
 * another session, and the contact's open page shows the answer and the first-response clock met without a reload.
 */
@ExtendWith(PortalStack.class)
class ContactAndAgentStoryTest {

    @Test
    void contactSeesTheAgentsAnswerAndTheFirstResponseMetWithoutReloading() throws Exception {
        try (Portal contact = Portal.open(); Portal agent = Portal.open()) {
            contact.signInAs("alice");
            contact.click(By.id("open-ticket-link"));
            contact.waitForText(By.id("severity"), "First response within"); // the policy's targets are shown
            contact.click(By.cssSelector("label[for=severity-S2]"));
            contact.type(By.id("title"), "Quiz page shows a blank screen");
            contact.type(By.id("description"), "Students of BIO-101 see a blank page when they open quiz 3.");
            contact.type(By.id("courseId"), "BIO-101");
            contact.type(By.id("affectedUserEmail"), "student@academy.example");
            contact.type(By.id("pageUrl"), "https://academy.example/mod/quiz/view.php?id=3");
            byte[] screenshot = contact.driver.getScreenshotAs(OutputType.BYTES); // a real PNG, as a contact would take
            contact.dropFile(By.id("drop-zone"), "blank-quiz.png", "image/png", screenshot);
            contact.waitForText(By.id("file-list"), "blank-quiz.png");
            contact.click(By.id("submit-ticket"));

            WebElement heading = contact.waitFor(By.cssSelector("#ticket-header h1"));
            assertThat(heading.getText()).contains("Quiz page shows a blank screen");
            contact.waitFor(By.cssSelector("#attachments img[alt='Attachment blank-quiz.png']"));
            contact.waitFor(By.cssSelector("#sla-clocks [data-metric=FIRST_RESPONSE][data-state]"), Duration.ofSeconds(30));
            String ticketUrl = contact.driver.getCurrentUrl();
            String ticketId = ticketUrl.substring(ticketUrl.lastIndexOf('/') + 1);

            agent.signInAs("demo-agent");
            By row = By.cssSelector("#queue tr[data-ticket-id='" + ticketId + "'] a");
            agent.waitFor(row, Duration.ofSeconds(30));
            // the queue's clock cells come from one read of the listed tickets' SLA documents
            agent.waitFor(By.cssSelector("#queue tr[data-ticket-id='" + ticketId
                    + "'] [data-metric=FIRST_RESPONSE][data-state=RUNNING]"), Duration.ofSeconds(30));
            agent.screenshot("portal-agent-queue.png");
            agent.click(row);
            agent.type(By.id("reply-body"), "We are looking at quiz 3 now; a cached template is the likely cause.");
            agent.click(By.id("send-reply"));
            agent.waitForText(By.id("conversation"), "cached template");

            // the contact's page was never reloaded: polling brings the answer and the met clock
            contact.waitFor(By.cssSelector("#conversation .comment.by-staff"), Duration.ofSeconds(30));
            assertThat(contact.driver.findElement(By.id("conversation")).getText()).contains("cached template");
            contact.waitFor(By.cssSelector("#sla-clocks [data-metric=FIRST_RESPONSE][data-state=MET]"), Duration.ofSeconds(30));
            assertThat(contact.driver.getCurrentUrl()).isEqualTo(ticketUrl);
            contact.screenshot("portal-contact-ticket.png");
            // and their organisation's list shows the met clock too
            contact.go("#/tickets");
            contact.waitFor(By.cssSelector("#ticket-list tr[data-ticket-id='" + ticketId
                    + "'] [data-metric=FIRST_RESPONSE][data-state=MET]"), Duration.ofSeconds(30));
        }
    }

    @Test
    void signingOutForgetsTheToken() {
        try (Portal contact = Portal.open()) {
            contact.signInAs("alice");
            assertThat(contact.script("return sessionStorage.getItem('helpdesk.session')")).isNotNull();
            contact.click(By.id("sign-out"));
            contact.waitFor(By.id("sign-in-alice"));
            assertThat(contact.script("return sessionStorage.length + localStorage.length")).isEqualTo(0L);
        }
    }
}
