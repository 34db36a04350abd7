package dev.helpdesk.browsertests;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.time.Duration;

/**
 * Headless Chromium through Debian's chromium and chromium-driver packages. A missing browser fails the test with the
 * command that installs it; it never skips.
 */
final class Browsers {

    static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";
    private static final String CHROMIUM = System.getenv().getOrDefault("HELPDESK_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("HELPDESK_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Browsers() {
    }

    /** A new browser with its own profile: its own sessionStorage, as another window of another person. */
    static ChromeDriver open(int width, int height) {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--window-size=" + width + "," + height, "--lang=en-GB");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    static ChromeDriver open() {
        return open(1280, 900);
    }

    static void requireInstalled() {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new AssertionError("The browser tests need Chromium and its driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "). Install them with: " + INSTALL + " (as root), or point HELPDESK_CHROMIUM and "
                    + "HELPDESK_CHROMEDRIVER at them.");
        }
    }
}
