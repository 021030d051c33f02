package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.checkout.CheckoutSettings;
import io.github.darajakit.gateway.support.Browser;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer's whole journey on the checkout page, in a real headless Chromium 320 px wide, against
 * a gateway on its embedded emulator, whose magic numbers give each outcome and whose count of STK
 * pushes is the oracle: every outcome the page knows, in English and in Swahili, the phone field's
 * errors, two tabs paying one session, a link's visitor, and the redirect back to the shop. With
 * {@code -Ddashboard.screenshots=DIR} it saves the page in each state (how docs/img is made).
 */
class CheckoutPageBrowserTest {

  /** Phone-sized: the narrowest screen the page is made for. */
  static final int WIDTH = 320;

  /** The shop the customer pays, by name. */
  static final String MERCHANT = "Duka la Mama Njeri";

  @RegisterExtension
  GatewayHarness h =
      new GatewayHarness(
          UnaryOperator.identity(),
          gateway -> gateway.checkout(CheckoutSettings.defaults().withMerchantName(MERCHANT)),
          true);

  private static ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  static void openBrowser() {
    browser = Browser.open(true);
    browser.manage().window().setSize(new Dimension(WIDTH, 700));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void freshTab() {
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    // Each journey starts as a new customer: no language chosen, no phone remembered.
    browser.get(h.gateway().baseUrl() + "/pay/none");
    browser.executeScript("localStorage.clear(); sessionStorage.clear();");
  }

  /** The page in one language: the title each outcome shows, word for word. */
  record Words(String lang, Map<String, String> titles, String pending, String retry) {}

  static final Words ENGLISH =
      new Words(
          "en",
          Map.of(
              "paid", "Paid",
              "cancelled", "You cancelled the prompt",
              "no_answer", "Your phone did not answer",
              "insufficient_funds", "Not enough money in M-Pesa",
              "wrong_pin", "Wrong M-Pesa PIN",
              "phone_busy", "Another M-Pesa prompt is open on your phone",
              "unknown", "We are checking whether your payment went through"),
          "Check your phone and enter your M-Pesa PIN",
          "Try again");

  static final Words SWAHILI =
      new Words(
          "sw",
          Map.of(
              "paid", "Umelipa",
              "cancelled", "Ulighairi ombi",
              "no_answer", "Simu yako haikujibu",
              "insufficient_funds", "Salio la M-Pesa halitoshi",
              "wrong_pin", "PIN ya M-Pesa si sahihi",
              "phone_busy", "Kuna ombi lingine la M-Pesa kwenye simu yako",
              "unknown", "Tunathibitisha kama malipo yako yamefika"),
          "Angalia simu yako na uweke PIN yako ya M-Pesa",
          "Jaribu tena");

  /** Each outcome, the emulator's number that produces it, in each language. */
  static Stream<Arguments> journeys() {
    List<List<String>> outcomes =
        List.of(
            List.of("cancelled", "0700001032"),
            List.of("no_answer", "0700001037"),
            List.of("insufficient_funds", "0700000001"),
            List.of("wrong_pin", "0700002001"),
            List.of("phone_busy", "0700001001"),
            // Its answer is dropped (below) and its callback never comes: unknown until checked.
            List.of("unknown", "0700000404"),
            List.of("paid", "0708374149"));
    return Stream.of(ENGLISH, SWAHILI)
        .flatMap(w -> outcomes.stream().map(o -> Arguments.of(o.get(0), o.get(1), w)));
  }

  @ParameterizedTest(name = "{0} in {2}")
  @MethodSource("journeys")
  void eachOutcomeEndsInAClearStateWithWhatToDoNext(String outcome, String phone, Words words)
      throws Exception {
    Reply session = createSession(1500, "ORD-" + outcome.length());
    browser.get(session.text("url") + "?lang=" + words.lang());
    assertThat(browser.findElement(By.cssSelector(".amt")).getText()).isEqualTo("KES 1,500");
    assertThat(browser.findElement(By.cssSelector(".who")).getText())
        .isEqualTo((words.lang().equals("en") ? "Pay " : "Lipa ") + MERCHANT);
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
        .isEqualTo(words.lang());
    fitsTheScreen();
    shot("checkout-" + words.lang() + "-start");
    if (outcome.equals("unknown")) {
      h.dropNextAnswer("stk_push"); // the push is carried out; its answer never comes back
    }
    type("phone", phone);
    browser.findElement(By.id("pay")).click();

    WebElement state = awaitTitle(words.titles().get(outcome));
    fitsTheScreen();
    shot("checkout-" + words.lang() + "-" + outcome);
    assertThat(h.emulatorCalls("stk_push")).as("one prompt").isEqualTo(1);
    switch (outcome) {
      case "paid" -> {
        String receipt = browser.findElement(By.id("receipt")).getText();
        Reply after = h.merchant().get("/v1/checkout-sessions/" + session.text("id"));
        assertThat(after.text("status")).isEqualTo("complete");
        assertThat(receipt).isEqualTo(after.text("mpesa_receipt")).matches("[A-Z0-9]{10}");
        // Back to the shop, carrying the session's id for the shop to verify.
        wait.until(ExpectedConditions.urlContains("/shop/paid"));
        assertThat(browser.getCurrentUrl())
            .isEqualTo(
                h.gateway().baseUrl()
                    + "/shop/paid?order=7&checkout_session="
                    + session.text("id"));
      }
      case "unknown" -> {
        // No way to pay again while the gateway checks: no form, no button.
        assertThat(browser.findElements(By.id("pay"))).isEmpty();
        assertThat(state.getText())
            .contains(words.lang().equals("en") ? "Do not pay again" : "Usilipe tena");
      }
      default -> {
        // Nothing charged; the customer may try again, use another number, or pay from the menu.
        assertThat(browser.findElement(By.id("pay")).getText()).isEqualTo(words.retry());
        assertThat(browser.findElement(By.id("other-number")).isDisplayed()).isTrue();
        String paybill =
            h.merchant()
                .send("GET", "/pay/api/s/" + code(session), null, null, null)
                .text("paybill");
        String manual = browser.findElement(By.cssSelector(".manual")).getText();
        assertThat(manual)
            .contains("Pay Bill")
            .contains(paybill)
            .contains("ORD-" + outcome.length())
            .contains("1,500");
        if (words != ENGLISH) {
          return; // trying again is the same page in either language
        }
        // Trying again from the page sends a second prompt, once.
        type("phone", "0708374149");
        browser.findElement(By.id("pay")).click();
        awaitTitle(words.titles().get("paid"));
        assertThat(h.emulatorCalls("stk_push")).isEqualTo(2);
      }
    }
  }

  @Test
  void whileThePromptIsOpenThePageSaysSoAndChangesByItselfWhenAnswered() throws Exception {
    Reply session = createSession(250, "WAIT-1");
    browser.get(session.text("url"));
    // This number's callback never comes: the payment stays pending until the reconciler asks.
    type("phone", "0700000404");
    browser.findElement(By.id("pay")).click();
    WebElement state =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".state.wait")));
    assertThat(state.getText()).contains(ENGLISH.pending()).contains("0700 000 404");
    assertThat(browser.findElements(By.id("pay"))).isEmpty();
    shot("checkout-en-pending");
    h.clock().advance(Duration.ofMinutes(2));
    h.gateway().reconcileNow(); // asks Daraja: it succeeded
    awaitTitle("Paid");
  }

  @Test
  void twoTabsPayingOneSessionChargeOnce() {
    Reply session = createSession(900, "TABS-1");
    String url = session.text("url");
    String first = browser.getWindowHandle();
    browser.get(url);
    type("phone", "0708374149");
    browser.switchTo().newWindow(WindowType.TAB);
    String second = browser.getWindowHandle();
    browser.get(url);
    type("phone", "0708374149");
    // Both buttons pressed before either answer is seen.
    browser.switchTo().window(first);
    browser.executeScript("document.getElementById('pay').click()");
    browser.switchTo().window(second);
    browser.executeScript("document.getElementById('pay').click()");
    for (String tab : List.of(first, second)) {
      browser.switchTo().window(tab);
      awaitTitle("Paid");
    }
    assertThat(h.emulatorCalls("stk_push")).isEqualTo(1);
    assertThat(attempts(session)).isEqualTo(1);
    browser.switchTo().window(second).close();
    browser.switchTo().window(first);
  }

  @Test
  void thePhoneFieldSaysWhatIsWrongAndSendsNothing() {
    Reply session = createSession(100, "PHONE-1");
    browser.get(session.text("url"));
    Map<String, String> problems =
        Map.of(
            "", "Enter the M-Pesa number to pay from.",
            "0712 34a 678", "Use digits only, like 0712 345 678.",
            "0812345678", "A Kenyan M-Pesa number starts with 07 or 01 (or 2547, 2541).",
            "071234567", "A number starting 07 has 10 digits; this has 9.",
            "+44712345678", "Only Kenyan numbers (+254) can pay with M-Pesa.",
            "25471234567", "A number starting 254 has 12 digits; this has 11.");
    problems.forEach(
        (typed, message) -> {
          type("phone", typed);
          browser.findElement(By.id("pay")).click();
          assertThat(browser.findElement(By.id("phone-err")).getText())
              .as(typed)
              .isEqualTo(message);
          assertThat(browser.findElement(By.id("phone")).getAttribute("aria-invalid"))
              .isEqualTo("true");
        });
    assertThat(h.emulatorCalls("stk_push")).isZero();
    assertThat(attempts(session)).isZero();
    // Every form the issue names is taken, spaces and all: each sends its prompt.
    int sent = 0;
    for (String good : List.of("0708 374 149", "+254708374149", "254708374149", "0112345678")) {
      Reply another = createSession(100, "PHONE-" + (++sent + 1));
      browser.get(another.text("url"));
      type("phone", good);
      browser.findElement(By.id("pay")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#app .state")));
      assertThat(h.emulatorCalls("stk_push")).as(good).isEqualTo(sent);
    }
  }

  @Test
  void aLinksVisitorEntersAnAmountWithinItsLimitsAndPays() throws Exception {
    Reply link =
        h.merchant()
            .post(
                "/v1/payment-links",
                "{\"min_amount\":50,\"max_amount\":2000,\"reference\":\"LUNCH\","
                    + "\"description\":\"Lunch at the canteen\"}");
    assertThat(link.status()).isEqualTo(201);
    browser.get(link.text("url") + "?lang=sw");
    assertThat(browser.findElement(By.cssSelector(".amt")).getText()).isEqualTo("KES 50 – 2,000");
    wait.until(d -> d.findElement(By.id("pay")).isEnabled()); // its session is open
    fitsTheScreen();
    shot("checkout-link-sw");
    type("amount", "5000");
    type("phone", "0708374149");
    browser.findElement(By.id("pay")).click();
    assertThat(browser.findElement(By.id("amount-err")).getText())
        .isEqualTo("Weka shilingi kamili kuanzia 50 hadi 2,000.");
    type("amount", "750");
    browser.findElement(By.id("pay")).click();
    awaitTitle("Umelipa");
    Reply after = h.merchant().get("/v1/payment-links/" + link.text("id"));
    assertThat(after.json().path("paid_amount").asLong()).isEqualTo(750);
    Reply funnel = h.merchant().get("/v1/checkout/funnel?payment_link=" + link.text("id"));
    assertThat(funnel.json().path("opened").asInt()).isEqualTo(1);
    assertThat(funnel.json().path("paid").asInt()).isEqualTo(1);
    // A reload shows the same paid session, not a new one.
    browser.navigate().refresh();
    awaitTitle("Umelipa");
    assertThat(
            h.merchant()
                .get("/v1/checkout/funnel?payment_link=" + link.text("id"))
                .json()
                .path("created")
                .asInt())
        .isEqualTo(1);
    // The language switch is remembered.
    browser.get(link.text("url"));
    browser.findElement(By.id("another")).click(); // reusable link: pay again
    wait.until(d -> d.findElement(By.id("pay")).isEnabled());
    assertThat(browser.findElement(By.cssSelector("label[for=phone]")).getText())
        .isEqualTo("Your M-Pesa number"); // ?lang= chose for one visit only
    browser.findElement(By.id("lang")).click();
    assertThat(browser.findElement(By.cssSelector("label[for=phone]")).getText())
        .isEqualTo("Nambari yako ya M-Pesa");
    browser.navigate().refresh();
    wait.until(
        d ->
            d.findElement(By.cssSelector("label[for=phone]"))
                .getText()
                .equals("Nambari yako ya M-Pesa"));
  }

  @Test
  void aPaidOneOffLinkAnExpiredSessionAndAnUnknownCodeSaySo() {
    Reply link =
        h.merchant()
            .post(
                "/v1/payment-links",
                "{\"amount\":300,\"max_uses\":1,\"reference\":\"INV-1\",\"description\":\"Invoice 1\"}");
    browser.get(link.text("url"));
    type("phone", "0708374149");
    wait.until(d -> d.findElement(By.id("pay")).isEnabled());
    browser.findElement(By.id("pay")).click();
    awaitTitle("Paid");
    browser.executeScript("sessionStorage.clear()"); // a second visitor
    browser.get(link.text("url"));
    awaitTitle("This payment link has already been paid");
    assertThat(browser.findElements(By.id("pay"))).isEmpty();

    Reply session = createSession(100, "OLD-1");
    h.merchant().post("/v1/checkout-sessions/" + session.text("id") + "/expire", "{}");
    browser.get(session.text("url"));
    awaitTitle("This checkout has expired");
    assertThat(browser.findElement(By.id("cancel")).getAttribute("href"))
        .isEqualTo("https://shop.example/cart");

    browser.get(h.gateway().baseUrl() + "/pay/s/0000000000000000?lang=sw");
    awaitTitle("Ukurasa huu wa malipo haupo");
  }

  @Test
  void thePageLoadsNothingElseAndItsOwnStyleAndScriptAreAllowed() {
    Reply session = createSession(100, "CSP-1");
    browser.get(session.text("url"));
    // The style ran (the Pay button is green) and so did the script (it drew the form).
    assertThat(browser.findElement(By.id("pay")).getCssValue("background-color"))
        .isEqualTo("rgba(11, 122, 53, 1)");
    @SuppressWarnings("unchecked")
    List<String> loaded =
        (List<String>)
            browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(loaded).isEmpty();
    Number shift =
        (Number)
            browser.executeAsyncScript(
                "const done = arguments[0]; let sum = 0;"
                    + "new PerformanceObserver(l => l.getEntries().forEach(e => sum += e.value))"
                    + ".observe({type: 'layout-shift', buffered: true});"
                    + "setTimeout(() => done(sum), 300);");
    assertThat(shift.doubleValue()).as("cumulative layout shift").isZero();
  }

  // ---- helpers

  private Reply createSession(long amount, String reference) {
    Reply created =
        h.merchant()
            .post(
                "/v1/checkout-sessions",
                "{\"amount\":"
                    + amount
                    + ",\"reference\":\""
                    + reference
                    + "\",\"description\":\"Order "
                    + reference
                    + "\",\"success_url\":\""
                    + h.gateway().baseUrl()
                    + "/shop/paid?order=7\",\"cancel_url\":\"https://shop.example/cart\"}");
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    return created;
  }

  /** The payments started from a session, as the merchant API counts them. */
  private int attempts(Reply session) {
    return h.merchant()
        .get("/v1/checkout-sessions/" + session.text("id"))
        .json()
        .path("attempts")
        .asInt();
  }

  private static String code(Reply session) {
    String url = session.text("url");
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private void type(String field, String text) {
    WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id(field)));
    input.clear();
    input.sendKeys(text);
  }

  /** Waits for the state box whose heading is {@code title}. */
  private WebElement awaitTitle(String title) {
    return wait.until(
        d -> {
          for (WebElement h2 : d.findElements(By.cssSelector("#app .state h2"))) {
            if (h2.getText().equals(title)) {
              return h2.findElement(By.xpath(".."));
            }
          }
          return null;
        });
  }

  /** Nothing sticks out sideways at 320 px: no sideways scrolling on a small phone. */
  private void fitsTheScreen() {
    Number scroll = (Number) browser.executeScript("return document.documentElement.scrollWidth");
    Number client = (Number) browser.executeScript("return document.documentElement.clientWidth");
    assertThat(scroll.intValue()).isLessThanOrEqualTo(client.intValue());
    assertThat(client.intValue()).isLessThanOrEqualTo(WIDTH);
  }

  /** The whole page, however long, as the customer would scroll through it. */
  private static void shot(String name) throws Exception {
    Browser.screenshot(browser, By.tagName("main"), name);
  }
}
