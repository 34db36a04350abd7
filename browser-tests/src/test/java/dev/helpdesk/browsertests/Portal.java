package dev.helpdesk.browsertests;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One person's browser on the portal: what they click and read, nothing else. */
final class Portal implements AutoCloseable {

    /** The axe-core WebJar's script, injected into pages by {@link #seriousAccessibilityViolations()}. */
    private static final String AXE = readAxe();

    final ChromeDriver driver;
    private final WebDriverWait wait;

    Portal(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static Portal open() {
        return new Portal(Browsers.open());
    }

    Portal signInAs(String user) {
        driver.get(PortalStack.portalUrl());
        click(By.id("sign-in-" + user));
        waitFor(By.id("sign-out"));
        return this;
    }

    void go(String hash) {
        driver.get(PortalStack.portalUrl() + hash);
    }

    WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement waitFor(By by, Duration within) {
        return new WebDriverWait(driver, within).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForGone(By by) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Clicks what the locator finds, finding it again when polling re-rendered it in between. */
    void click(By by) {
        wait.ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
                    return true;
                });
    }

    void type(By by, String text) {
        WebElement element = waitFor(by);
        element.clear();
        element.sendKeys(text);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Drops files onto an element as a drag from the desktop would: a drop event carrying a DataTransfer. */
    void dropFile(By target, String name, String type, byte[] content) {
        String base64 = java.util.Base64.getEncoder().encodeToString(content);
        script("""
                const bytes = Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], arguments[2], { type: arguments[3] }));
                arguments[0].dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
                """, waitFor(target), base64, name, type);
    }

    /** Violations of impact serious or critical that axe-core finds on the page as it is now. */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        script(AXE);
        Map<String, Object> results = (Map<String, Object>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(r), e => done({ error: String(e) }));");
        if (results.containsKey("error")) {
            throw new AssertionError("axe-core failed: " + results.get("error"));
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) results.get("violations");
        return violations.stream()
                .filter(v -> List.of("serious", "critical").contains(v.get("impact")))
                .map(v -> v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " at "
                        + ((List<Map<String, Object>>) v.get("nodes")).stream().map(n -> String.valueOf(n.get("target"))).toList())
                .toList();
    }

    void screenshot(String fileName) throws IOException {
        Path target = Path.of(System.getProperty("helpdesk.home", "..")).resolve("docs/images").resolve(fileName);
        Files.createDirectories(target.getParent());
        script("window.scrollTo(0, 0)");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String readAxe() {
        try (InputStream in = Objects.requireNonNull(Portal.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js"), "axe-core WebJar missing")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
