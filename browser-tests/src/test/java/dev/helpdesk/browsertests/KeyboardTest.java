package dev.helpdesk.browsertests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyboard only: a contact signs in, goes to the ticket form through the navigation and opens a ticket with Tab,
 * typing, Space and Enter, never the mouse. Every element that takes the focus on the way shows it (an outline of
 * the portal's focus style), the first stop is the "skip to content" link, and the order follows the page.
 */
@ExtendWith(PortalStack.class)
class KeyboardTest {

    private static final int MAX_TABS = 60;

    @Test
    void aContactOpensATicketWithTheKeyboardAloneAndSeesWhereTheFocusIs() {
        try (Portal contact = Portal.open()) {
            contact.driver.get(PortalStack.portalUrl());
            contact.waitFor(By.id("sign-in-alice"));
            List<String> unseen = new ArrayList<>();

            String first = tab(contact, unseen);
            assertThat(first).isEqualTo("skip-link");
            tabTo(contact, "#sign-in-alice", unseen);
            press(contact, Keys.ENTER);
            contact.waitFor(By.id("sign-out"), Duration.ofSeconds(30));

            tabTo(contact, "a[href='#/tickets/new']", unseen);
            press(contact, Keys.ENTER);
            contact.waitForText(By.id("severity"), "S1");

            tabTo(contact, "#title", unseen);
            press(contact, "Quiz timer resets on every page");
            tabTo(contact, "#description", unseen);
            press(contact, "Typed with the keyboard only.");
            tabTo(contact, "#courseId", unseen);
            press(contact, "QUIZ-101");
            tabTo(contact, "#submit-ticket", unseen);
            press(contact, Keys.ENTER);

            String header = contact.waitFor(By.cssSelector("#ticket-header h1"), Duration.ofSeconds(30)).getText();
            assertThat(header).contains("Quiz timer resets on every page");
            assertThat(unseen).as("elements that took the focus without showing it").isEmpty();
        }
    }

    /** Tabs until the focused element matches the selector, checking each stop shows its focus; at most MAX_TABS. */
    private static void tabTo(Portal portal, String selector, List<String> unseen) {
        for (int i = 0; i < MAX_TABS; i++) {
            tab(portal, unseen);
            Boolean there = (Boolean) portal.script(
                    "return document.activeElement !== null && document.activeElement.matches(arguments[0])", selector);
            if (Boolean.TRUE.equals(there)) {
                return;
            }
        }
        throw new AssertionError(selector + " not reached with " + MAX_TABS + " presses of Tab");
    }

    /** One Tab; returns the focused element's id (or tag), noting it when it has no visible focus indicator. */
    @SuppressWarnings("unchecked")
    private static String tab(Portal portal, List<String> unseen) {
        press(portal, Keys.TAB);
        Map<String, Object> focused = (Map<String, Object>) portal.script("""
                const e = document.activeElement;
                if (!e || e === document.body) return { name: 'body', visible: true };
                const style = getComputedStyle(e);
                const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                const shadowed = style.boxShadow && style.boxShadow !== 'none';
                return { name: e.id || (e.tagName.toLowerCase() + ':' + (e.getAttribute('href') || e.textContent.trim().slice(0, 30))),
                         visible: outlined || shadowed };
                """);
        String name = String.valueOf(focused.get("name"));
        if (!Boolean.TRUE.equals(focused.get("visible"))) {
            unseen.add(name);
        }
        return name;
    }

    private static void press(Portal portal, CharSequence keys) {
        new Actions(portal.driver).sendKeys(keys).perform();
    }
}
