package io.github.darajakit.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through its chromedriver: Debian's {@code chromium} and {@code
 * chromium-driver} packages, which {@code .ci/run} installs (nothing is downloaded). Without them
 * the browser tests are skipped with a message saying so, unless {@code DARAJA_REQUIRE_BROWSER} is
 * {@code true} (CI), where that is a failure.
 */
public final class Browser {

  private static final List<String> CHROMIUM =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
  private static final List<String> DRIVER =
      List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
  private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

  private Browser() {}

  /** A new headless browser, 1280×900 (or a phone's 390×844 with {@code phone}). */
  public static ChromeDriver open(boolean phone) {
    String chromium = first(CHROMIUM);
    String driver = first(DRIVER);
    if (chromium == null || driver == null) {
      String message =
          "browser tests SKIPPED: install Debian's chromium and chromium-driver (.ci/run does)";
      if ("true".equalsIgnoreCase(System.getenv("DARAJA_REQUIRE_BROWSER"))) {
        fail("DARAJA_REQUIRE_BROWSER is set but chromium or chromedriver is missing");
      }
      if (ANNOUNCED.compareAndSet(false, true)) {
        System.err.println(message);
      }
      assumeTrue(false, message);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        phone ? "--window-size=390,844" : "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    return browser;
  }

  /**
   * Waits of up to 15 s that look again when the page re-renders an element under them: the
   * dashboard's live updates replace parts of the page at any moment.
   */
  public static WebDriverWait waitFor(ChromeDriver browser) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Clicks what {@code by} finds, finding it again if a live update replaced it meanwhile. */
  public static void click(WebDriverWait wait, By by) {
    wait.until(
        d -> {
          d.findElement(by).click();
          return true;
        });
  }

  /** Types into the field with this id, replacing what was there. */
  public static void type(ChromeDriver browser, String id, String text) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  /** Waits for the error a dashboard form shows next to its field, and returns it. */
  public static String fieldError(ChromeDriver browser, WebDriverWait wait, String fieldId) {
    By error = By.id(fieldId + "-error");
    wait.until(d -> !d.findElement(error).getText().isEmpty());
    assertThat(browser.findElement(By.id(fieldId)).getAttribute("aria-invalid")).isEqualTo("true");
    return browser.findElement(error).getText();
  }

  /** Saves what the browser shows as a PNG, when {@code dashboard.screenshots} names a folder. */
  public static void screenshot(ChromeDriver browser, String name) throws Exception {
    Path file = screenshotFile(name);
    if (file != null) {
      Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }
  }

  /** Saves one element as a PNG, when {@code dashboard.screenshots} names a folder. */
  public static void screenshot(ChromeDriver browser, By element, String name) throws Exception {
    Path file = screenshotFile(name);
    if (file == null) {
      return;
    }
    // A screenshot holds only what the window shows: make the window tall enough for the element.
    org.openqa.selenium.Dimension window = browser.manage().window().getSize();
    WebElement found = browser.findElement(element);
    int height = found.getRect().getHeight();
    browser
        .manage()
        .window()
        .setSize(new org.openqa.selenium.Dimension(window.getWidth(), height + 400));
    try {
      browser.executeScript("arguments[0].scrollIntoView()", found);
      Files.write(file, found.getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.manage().window().setSize(window);
    }
  }

  /** Where screenshot {@code name} goes, or {@code null} when none are asked for. */
  private static Path screenshotFile(String name) throws java.io.IOException {
    String folder = System.getProperty("dashboard.screenshots");
    if (folder == null || folder.isBlank()) {
      return null;
    }
    return Files.createDirectories(Path.of(folder)).resolve(name + ".png");
  }

  private static String first(List<String> candidates) {
    return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
  }
}
