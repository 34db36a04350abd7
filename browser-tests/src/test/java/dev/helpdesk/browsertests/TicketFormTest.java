package dev.helpdesk.browsertests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The ticket form refuses bad input before anything is sent, and says what is wrong next to each field. */
@ExtendWith(PortalStack.class)
class TicketFormTest {

    @Test
    void refusesMissingTitleBadEmailBadLinkAndAWrongFileType() {
        try (Portal contact = Portal.open()) {
            contact.signInAs("alice");
            contact.go("#/tickets/new");
            contact.type(By.id("description"), "Something is off.");
            contact.type(By.id("affectedUserEmail"), "not-an-email");
            contact.type(By.id("pageUrl"), "javascript:alert(1)");
            contact.dropFile(By.id("drop-zone"), "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
            contact.waitForText(By.id("file-problems"), "only PNG, JPEG, GIF, WebP images and PDF documents");
            contact.click(By.id("submit-ticket"));

            String problems = contact.waitFor(By.cssSelector("#form-problems [role=alert]")).getText();
            assertThat(problems).contains("Enter a title.", "Enter an email address", "Enter a link starting with http");
            assertThat(contact.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("title");
            assertThat(contact.driver.findElement(By.id("title")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(contact.driver.findElements(By.cssSelector("#file-list li"))).isEmpty();
            assertThat(contact.driver.getCurrentUrl()).endsWith("#/tickets/new"); // nothing was opened
        }
    }
}
