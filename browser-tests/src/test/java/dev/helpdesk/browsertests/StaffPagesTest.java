package dev.helpdesk.browsertests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other roles' main paths: an agent's refused upgrade shows the API's own message; the manager sees the
 * escalation a contact asked for with its countdown and acknowledges it; the admin records a budget purchase; the
 * analyst sees the compliance chart and a simulation.
 */
@ExtendWith(PortalStack.class)
class StaffPagesTest {

    @Test
    void agentSeesTheProblemsOwnMessageForAnUpgradeWithoutJustificationThenUpgradesWithOne() {
        try (Portal contact = Portal.open(); Portal agent = Portal.open()) {
            String ticketId = openTicket(contact, "Certificates are not issued");
            agent.signInAs("demo-agent");
            agent.go("#/tickets/" + ticketId);
            new Select(agent.waitFor(By.id("new-severity"))).selectByValue("S1");
            agent.click(By.cssSelector("#severity-form button[type=submit]"));
            String problem = agent.waitFor(By.cssSelector("#action-problems [role=alert]")).getText();
            assertThat(problem).containsIgnoringCase("justification").doesNotContain("Something went wrong");

            new Select(agent.waitFor(By.id("new-severity"))).selectByValue("S1");
            agent.type(By.id("severity-justification"), "Every learner of the academy is affected now.");
            agent.click(By.cssSelector("#severity-form button[type=submit]"));
            agent.waitForText(By.id("ticket-header"), "S1");
            agent.type(By.id("time-note"), "Looked at the certificate task logs");
            agent.click(By.cssSelector("#time-form button[type=submit]"));
            agent.waitFor(By.cssSelector("#time-entries li[data-entry-id]"), Duration.ofSeconds(20));

            // Resolving asks for the summary the contact is shown (issue 21).
            new Select(agent.waitFor(By.id("new-status"))).selectByValue("RESOLVED");
            agent.type(By.id("status-resolution"), "The certificate task was stuck; restarted, certificates are issued again.");
            agent.click(By.cssSelector("#status-form button[type=submit]"));
            agent.waitForText(By.id("resolution"), "certificates are issued again");
            contact.go("#/tickets/" + ticketId);
            contact.waitForText(By.id("resolution"), "certificates are issued again");
        }
    }

    @Test
    void managerAcknowledgesTheEscalationAContactAskedFor() {
        try (Portal contact = Portal.open(); Portal manager = Portal.open()) {
            String ticketId = openTicket(contact, "Nobody answers our S3 ticket");
            contact.click(By.cssSelector("#ticket-actions details summary"));
            contact.type(By.id("escalation-form-reason"), "No answer for two days on a blocking problem.");
            contact.click(By.cssSelector("#escalation-form button[type=submit]"));
            contact.waitFor(By.id("reply-body"));

            manager.signInAs("demo-manager");
            manager.go("#/escalations");
            manager.waitFor(By.cssSelector("#ladders table"), Duration.ofSeconds(20));
            By card = By.xpath("//li[@data-escalation-id][.//a[contains(@href,'" + ticketId + "')]]");
            manager.waitFor(card, Duration.ofSeconds(40));
            assertThat(manager.driver.findElement(card).getText()).containsPattern("left to acknowledge|overdue");
            org.openqa.selenium.WebElement plan = manager.driver.findElement(card).findElement(By.tagName("textarea"));
            plan.click();
            plan.sendKeys("Call the customer today; ");
            // the page polls every 3 s: a poll must not take the manager's typing away (the card was re-rendered
            // under the cursor before: the focus and the element gone mid-sentence)
            sleepPastAPoll();
            assertThat(manager.driver.switchTo().activeElement()).as("the action plan keeps the focus").isEqualTo(plan);
            plan.sendKeys("fix by noon.");
            assertThat(plan.getAttribute("value")).isEqualTo("Call the customer today; fix by noon.");
            manager.click(By.xpath("//li[@data-escalation-id][.//a[contains(@href,'" + ticketId + "')]]//button[@type='submit']"));
            manager.waitForGone(card);
        }
    }

    @Test
    void adminRecordsABudgetPurchaseAndAnalystSeesCompliance() {
        try (Portal admin = Portal.open(); Portal analyst = Portal.open()) {
            admin.signInAs("demo-admin");
            // the organisation is found in the list by name, not typed in by id
            admin.click(By.cssSelector("#organizations button[data-organization-id='" + PortalStack.organizationId() + "']"));
            admin.waitForText(By.id("organization"), "Contacts (");
            assertThat(admin.driver.findElement(By.id("organization")).getText()).contains(PortalStack.organizationId());
            String before = admin.driver.findElement(By.id("organization")).getText();
            admin.type(By.id("purchase-amount"), "500");
            admin.click(By.cssSelector("#purchase-form button[type=submit]"));
            admin.waitForText(By.id("announcer"), "Budget purchased.");
            assertThat(admin.driver.findElement(By.id("organization")).getText()).isNotEqualTo(before);

            analyst.signInAs("demo-analyst");
            analyst.type(By.id("compliance-org"), PortalStack.organizationId());
            analyst.click(By.cssSelector("#compliance-form button[type=submit]"));
            analyst.waitFor(By.cssSelector("#compliance svg.chart, #compliance p"), Duration.ofSeconds(20));
            analyst.click(By.cssSelector("#simulation-form button[type=submit]"));
            analyst.waitFor(By.id("simulation-result"), Duration.ofSeconds(30));
            analyst.click(By.id("more-events"));
            analyst.waitFor(By.cssSelector("#events ol li"), Duration.ofSeconds(20));
            // a rebuild of the budgets, followed to its end through the progress the page polls
            new Select(analyst.driver.findElement(By.id("replay-service")))
                    .selectByValue("budgets");
            analyst.click(By.cssSelector("#replay-form button[type=submit]"));
            analyst.waitForText(By.id("replay"), "budgets:");
            new WebDriverWait(analyst.driver, Duration.ofSeconds(60)).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("replay"), "(COMPLETED)"));
            assertThat(analyst.driver.findElements(By.id("cancel-replay"))).as("no cancel once completed").isEmpty();
        }
    }

    /** The contact opens a ticket through the form and stays on its page; answers the ticket's id. */
    static String openTicket(Portal contact, String title) {
        contact.signInAs("alice");
        contact.go("#/tickets/new");
        contact.waitForText(By.id("severity"), "S1");
        contact.type(By.id("title"), title);
        contact.type(By.id("description"), "Opened by a browser test.");
        contact.click(By.id("submit-ticket"));
        contact.waitFor(By.cssSelector("#ticket-header h1"));
        String url = contact.driver.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static void sleepPastAPoll() {
        try {
            Thread.sleep(3_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
