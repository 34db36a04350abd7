package dev.helpdesk.browsertests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core on the main pages: no serious or critical violations. Also: the pages hold at a phone's width (nothing
 * wider than the screen but scrolling tables), and the Content-Security-Policy blocked nothing the portal does.
 */
@ExtendWith(PortalStack.class)
class AccessibilityTest {

    @Test
    void mainPagesHaveNoSeriousOrCriticalViolations() {
        List<String> found = new ArrayList<>();
        try (Portal contact = Portal.open(); Portal agent = Portal.open()) {
            contact.driver.get(PortalStack.portalUrl());
            contact.waitFor(By.id("sign-in-alice"));
            found.addAll(tagged("sign-in", contact.seriousAccessibilityViolations()));
            contact.signInAs("alice");
            contact.waitFor(By.id("ticket-list"));
            found.addAll(tagged("ticket list", contact.seriousAccessibilityViolations()));
            contact.go("#/tickets/new");
            contact.waitForText(By.id("severity"), "S1");
            found.addAll(tagged("ticket form", contact.seriousAccessibilityViolations()));
            contact.type(By.id("title"), "Gradebook export is empty");
            contact.type(By.id("description"), "The CSV export of the gradebook has headers only.");
            contact.click(By.id("submit-ticket"));
            contact.waitFor(By.cssSelector("#sla-clocks li"), Duration.ofSeconds(30));
            found.addAll(tagged("ticket page", contact.seriousAccessibilityViolations()));

            agent.signInAs("demo-agent");
            agent.waitFor(By.cssSelector("#queue table"), Duration.ofSeconds(30));
            found.addAll(tagged("queue", agent.seriousAccessibilityViolations()));
            assertThat(found).isEmpty();
        }
    }

    @Test
    void theFormHoldsAtAPhonesWidthAndTheCspBlocksNothing() {
        try (Portal phone = new Portal(Browsers.open(375, 800))) {
            phone.signInAs("alice");
            phone.go("#/tickets/new");
            phone.waitForText(By.id("severity"), "S1");
            Object overflow = phone.script("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            assertThat(phone.driver.manage().logs().get("browser").getAll())
                    .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
        }
    }

    private static List<String> tagged(String page, List<String> violations) {
        return violations.stream().map(v -> page + ": " + v).toList();
    }
}
