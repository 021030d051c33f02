package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.checkout.CheckoutSettings;
import io.github.darajakit.gateway.support.Browser;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Payment links and checkout sessions in the dashboard, in a real headless Chromium against a
 * gateway on its emulator: a link made in two clicks and a form, its QR code and printed card, its
 * conversion after a customer pays through the public endpoints, the pages linking link, session
 * and payment, and deactivating and expiring. With {@code -Ddashboard.screenshots=DIR} it saves the
 * pages docs/checkout.md shows.
 */
class CheckoutDashboardBrowserTest {

  static final String MERCHANT = "Mama Mboga Kitchen";

  @RegisterExtension
  GatewayHarness h =
      new GatewayHarness(
          emulator -> emulator.adminLoopbackOnly(true).redactCallbackUrls(true),
          gateway -> gateway.checkout(named(MERCHANT)),
          true);

  private ChromeDriver browser;
  private WebDriverWait wait;

  static CheckoutSettings named(String merchant) {
    return CheckoutSettings.defaults().withMerchantName(merchant);
  }

  @BeforeEach
  void openBrowser() {
    browser = Browser.open(false);
    wait = Browser.waitFor(browser);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void signedIn() {
    browser.get(h.gateway().baseUrl() + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")))
        .sendKeys(GatewayHarness.API_KEY);
    browser.findElement(By.id("signin-button")).click();
    wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
  }

  private void click(By by) {
    Browser.click(wait, by);
  }

  private void type(String id, String text) {
    Browser.type(browser, id, text);
  }

  private String errorBy(String fieldId) {
    return Browser.fieldError(browser, wait, fieldId);
  }

  private By detail(String id) {
    return By.cssSelector("#detail[data-id='" + id + "']");
  }

  private By related(String id) {
    return By.cssSelector("#related li[data-related='" + id + "']");
  }

  private By step(String chart, String step) {
    return By.cssSelector("#" + chart + " li[data-step='" + step + "']");
  }

  // Reads that find the element again if a live update redrew it meanwhile.

  private String text(By by) {
    return wait.until(d -> d.findElement(by).getText());
  }

  private String attr(By by, String name) {
    return wait.until(d -> d.findElement(by).getAttribute(name));
  }

  private boolean displayed(By by) {
    // A wait ends on a non-false value: the answer travels as text.
    return Boolean.parseBoolean(wait.until(d -> String.valueOf(d.findElement(by).isDisplayed())));
  }

  private int width(By by) {
    return wait.until(d -> d.findElement(by).getRect().getWidth());
  }

  private String css(By by, String property) {
    return wait.until(
        d ->
            (String)
                browser.executeScript(
                    "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);",
                    d.findElement(by),
                    property));
  }

  private void media(String media) {
    browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media));
  }

  /** A customer opens the link's page: a new session for them, through the public endpoint. */
  private Reply visit(String linkCode) {
    Reply session =
        h.merchant().send("POST", "/pay/api/" + linkCode + "/sessions", "{}", null, null);
    assertThat(session.status()).as(session.json().toString()).isEqualTo(201);
    return session;
  }

  private Reply pay(String sessionCode, String phone) {
    return h.merchant()
        .send(
            "POST",
            "/pay/api/s/" + sessionCode + "/pay",
            "{\"phone\":\"" + phone + "\"}",
            null,
            null);
  }

  @Test
  void aLinkIsMadeInTwoClicksPrintedAsACardAndItsConversionFollowsAPayment() throws Exception {
    signedIn();
    click(By.cssSelector("a[data-nav='links']"));
    // Click one: "New link". The API's refusal is shown by the field it names.
    click(By.cssSelector("#create-link > summary"));
    type("new-link-description", "Lunch at the canteen");
    type("new-link-reference", "LUNCH-AT-THE-CANTEEN");
    click(By.cssSelector("#new-link button[type='submit']"));
    assertThat(errorBy("new-link-amount")).contains("Enter the amount");
    type("new-link-amount", "500");
    click(By.cssSelector("#new-link button[type='submit']"));
    assertThat(errorBy("new-link-reference")).contains("LUNCH-AT-THE-CANTEEN");
    assertThat(h.merchant().get("/v1/payment-links").json().path("data")).isEmpty();
    type("new-link-reference", "LUNCH");
    // Click two: "Create link", and the new link's page shows its address and QR code.
    click(By.cssSelector("#new-link button[type='submit']"));
    wait.until(ExpectedConditions.urlContains("#/links/plink_"));
    JsonNode links = h.merchant().get("/v1/payment-links").json().path("data");
    assertThat(links).hasSize(1);
    String link = links.path(0).path("id").asText();
    String url = links.path(0).path("url").asText();
    String code = links.path(0).path("code").asText();
    assertThat(links.path(0).path("amount").asLong()).isEqualTo(500);
    wait.until(ExpectedConditions.presenceOfElementLocated(detail(link)));
    assertThat(text(By.id("message"))).contains("Payment link created");
    assertThat(text(By.id("link-url"))).isEqualTo(url);
    assertThat(attr(By.cssSelector("#share button.copy"), "data-copy")).isEqualTo(url);
    assertThat(attr(By.cssSelector("[data-field='code'] button.copy"), "data-copy"))
        .isEqualTo(code);
    assertThat(width(By.cssSelector("svg#link-qr"))).isGreaterThan(100);
    assertThat(attr(By.cssSelector("svg#link-qr path"), "d")).startsWith("M");
    assertThat(text(By.cssSelector("[data-group='money']"))).contains("KES 500");

    // The card: printed from the link's page, its dialog opened once, only the card on paper.
    browser.executeScript("window.printed = 0; window.print = () => { window.printed++; };");
    click(By.id("print-card"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#qr-card svg#card-qr")));
    wait.until(d -> Long.valueOf(1).equals(browser.executeScript("return window.printed;")));
    assertThat(browser.getCurrentUrl()).endsWith("#/links/" + link + "/card");
    assertThat(text(By.id("qr-card")))
        .contains(
            MERCHANT,
            "Lunch at the canteen",
            "KES 500",
            "Scan with your phone camera to pay with M-Pesa",
            "Changanua kwa kamera ya simu yako kulipa kwa M-Pesa",
            url);
    assertThat(css(By.cssSelector("nav.nav"), "display")).isEqualTo("flex");
    media("print");
    try {
      assertThat(css(By.cssSelector("nav.nav"), "display")).isEqualTo("none");
      assertThat(css(By.cssSelector("header.topbar"), "display")).isEqualTo("none");
      assertThat(displayed(By.id("print-now"))).isFalse();
      assertThat(css(By.cssSelector("#card-view .back"), "display")).isEqualTo("none");
      assertThat(css(By.id("qr-card"), "display")).isEqualTo("block");
      assertThat(width(By.id("card-qr"))).isGreaterThan(200);
    } finally {
      media("");
    }
    Browser.screenshot(browser, By.id("qr-card"), "dashboard-link-card");

    // A customer opens the link and pays: the link's funnel follows live, as the API counts it.
    browser.get(h.gateway().baseUrl() + "/#/links/" + link);
    wait.until(ExpectedConditions.presenceOfElementLocated(step("link-funnel-chart", "paid")));
    Reply session = visit(code);
    String sessionId = session.text("id");
    Reply paying = pay(session.text("code"), "0708374149");
    assertThat(paying.status()).as(paying.json().toString()).isEqualTo(202);
    Reply paid =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> h.merchant().get("/v1/checkout-sessions/" + sessionId),
                r -> r.text("status").equals("complete"));
    String payment = paid.text("payment");
    wait.until(
        ExpectedConditions.attributeToBe(step("link-funnel-chart", "paid"), "data-count", "1"));
    assertThat(text(step("link-funnel-chart", "paid"))).contains("100%");
    // Two more visitors: one leaves without paying, one cancels the prompt on the phone.
    visit(code);
    String cancelling = visit(code).text("code");
    assertThat(pay(cancelling, "0700001032").status()).isEqualTo(202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().send("GET", "/pay/api/s/" + cancelling, null, null, null),
            r -> r.json().path("attempt").path("outcome").asText().equals("cancelled"));
    wait.until(
        ExpectedConditions.attributeToBe(step("link-funnel-chart", "created"), "data-count", "3"));
    wait.until(
        ExpectedConditions.attributeToBe(step("link-funnel-chart", "prompted"), "data-count", "2"));
    JsonNode funnel = h.merchant().get("/v1/checkout/funnel?payment_link=" + link).json();
    for (String name : new String[] {"created", "opened", "prompted", "paid"}) {
      assertThat(attr(step("link-funnel-chart", name), "data-count"))
          .as(name)
          .isEqualTo(funnel.path(name).asText());
    }
    assertThat(funnel.path("paid").asLong()).isEqualTo(1);
    assertThat(text(By.cssSelector("#link-funnel [data-stat='paid_amount']"))).isEqualTo("KES 500");
    assertThat(text(step("link-funnel-chart", "paid"))).contains("50%", "of prompted");
    // Related: the link's session and payment, and from there back.
    wait.until(ExpectedConditions.presenceOfElementLocated(related(sessionId)));
    wait.until(ExpectedConditions.presenceOfElementLocated(related(payment)));
    assertThat(text(related(payment))).contains("succeeded", "KES 500");
    Browser.screenshot(browser, "dashboard-link");
    click(By.cssSelector("#related li[data-related='" + sessionId + "'] a"));
    wait.until(ExpectedConditions.presenceOfElementLocated(detail(sessionId)));
    wait.until(ExpectedConditions.presenceOfElementLocated(related(link)));
    wait.until(ExpectedConditions.presenceOfElementLocated(related(payment)));
    assertThat(text(By.cssSelector("[data-field='status']"))).isEqualTo("complete");
    assertThat(browser.findElements(By.cssSelector("button[data-action='expire']"))).isEmpty();
    click(By.cssSelector("#related li[data-related='" + payment + "'] a"));
    wait.until(ExpectedConditions.presenceOfElementLocated(detail(payment)));
    wait.until(ExpectedConditions.presenceOfElementLocated(related(sessionId)));
    assertThat(text(related(sessionId))).contains("Paid through checkout");
    assertThat(text(related(link))).contains("Paid through link");

    // The Checkouts list: its sessions, and the funnel of the last 7 or 30 days.
    click(By.cssSelector("a[data-nav='checkouts']"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-id='" + sessionId + "']")));
    wait.until(
        ExpectedConditions.attributeToBe(step("checkout-funnel", "created"), "data-count", "3"));
    assertThat(attr(step("checkout-funnel", "paid"), "data-count")).isEqualTo("1");
    assertThat(attr(By.id("funnel"), "data-days")).isEqualTo("7");
    click(By.cssSelector("#funnel button[data-days='30']"));
    wait.until(ExpectedConditions.attributeToBe(By.id("funnel"), "data-days", "30"));
    assertThat(attr(step("checkout-funnel", "paid"), "data-count")).isEqualTo("1");
    Browser.screenshot(browser, "dashboard-checkouts");
    // Two more links, for the list: an invoice whose customer enters the amount, and one stopped.
    h.merchant()
        .post(
            "/v1/payment-links",
            "{\"min_amount\":100,\"max_amount\":5000,\"max_uses\":1,\"reference\":\"INV-2041\","
                + "\"description\":\"Invoice 2041\"}");
    String stall =
        h.merchant()
            .post(
                "/v1/payment-links",
                "{\"amount\":50,\"reference\":\"STALL\",\"description\":\"Market day stall\"}")
            .text("id");
    h.merchant().post("/v1/payment-links/" + stall + "/deactivate", "{}");
    click(By.cssSelector("a[data-nav='links']"));
    By linkRow = By.cssSelector("tr[data-id='" + link + "']");
    wait.until(ExpectedConditions.presenceOfElementLocated(linkRow));
    assertThat(text(linkRow)).contains("KES 500", "LUNCH", "active");
    wait.until(d -> d.findElements(By.cssSelector("table#list tbody tr[data-id]")).size() == 3);
    assertThat(text(By.id("list"))).contains("KES 100–5,000", "inactive");
    Browser.screenshot(browser, "dashboard-links");

    // Deactivating asks first, and the page follows.
    browser.get(h.gateway().baseUrl() + "/#/links/" + link);
    By status = By.cssSelector("#detail[data-id='" + link + "'] [data-field='status']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "active"));
    click(By.cssSelector("button[data-action='deactivate']"));
    wait.until(ExpectedConditions.alertIsPresent()).dismiss();
    assertThat(h.merchant().get("/v1/payment-links/" + link).text("status")).isEqualTo("active");
    click(By.cssSelector("button[data-action='deactivate']"));
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "inactive"));
    assertThat(h.merchant().get("/v1/payment-links/" + link).text("status")).isEqualTo("inactive");
    assertThat(browser.findElements(By.cssSelector("button[data-action='deactivate']"))).isEmpty();
  }

  @Test
  void aRangeLinkIsMadeFromTheFormAndAShopsSessionIsExpiredFromItsPage() {
    signedIn();
    click(By.cssSelector("a[data-nav='links']"));
    click(By.cssSelector("#create-link > summary"));
    type("new-link-description", "Invoice 2041");
    type("new-link-reference", "INV-2041");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("new-link-amount_type")))
        .selectByValue("range");
    assertThat(displayed(By.id("new-link-amount"))).isFalse();
    type("new-link-min_amount", "100");
    type("new-link-max_amount", "5000");
    type("new-link-max_uses", "1");
    click(By.cssSelector("#new-link button[type='submit']"));
    wait.until(ExpectedConditions.urlContains("#/links/plink_"));
    JsonNode created = h.merchant().get("/v1/payment-links").json().path("data").path(0);
    assertThat(created.path("amount").isNull()).isTrue();
    assertThat(created.path("min_amount").asLong()).isEqualTo(100);
    assertThat(created.path("max_amount").asLong()).isEqualTo(5000);
    assertThat(created.path("max_uses").asInt()).isEqualTo(1);
    browser.executeScript("window.print = () => {};");
    click(By.id("print-card"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#qr-card .qr-amount"), "Any amount from KES 100 to KES 5,000"));

    String session =
        h.merchant()
            .post("/v1/checkout-sessions", CheckoutTest.session(1500, "ORDER-1044"))
            .text("id");
    browser.get(h.gateway().baseUrl() + "/#/checkouts/" + session);
    By status = By.cssSelector("#detail[data-id='" + session + "'] [data-field='status']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "open"));
    assertThat(text(By.cssSelector("[data-group='checkout']")))
        .contains("https://shop.example/paid");
    // Metadata reads as on every other page.
    assertThat(text(By.cssSelector("[data-field='metadata']"))).contains("order_id", "1044");
    click(By.cssSelector("button[data-action='expire']"));
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "expired"));
    assertThat(h.merchant().get("/v1/checkout-sessions/" + session).text("status"))
        .isEqualTo("expired");
  }

  @Test
  void aLinksPageAndItsCardFitAPhoneScreen() {
    browser.quit();
    browser = Browser.open(true);
    wait = Browser.waitFor(browser);
    String link =
        h.merchant()
            .post(
                "/v1/payment-links",
                "{\"min_amount\":100,\"max_amount\":5000,\"reference\":\"INV-2041\","
                    + "\"description\":\"Invoice 2041 for the catering of the wedding\"}")
            .text("id");
    signedIn();
    browser.get(h.gateway().baseUrl() + "/#/links/" + link);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg#link-qr")));
    assertThat(sidewaysOverflow()).as("the link's page on a 390 px screen").isLessThanOrEqualTo(0L);
    browser.get(h.gateway().baseUrl() + "/#/links/" + link + "/card");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg#card-qr")));
    assertThat(sidewaysOverflow()).as("the card on a 390 px screen").isLessThanOrEqualTo(0L);
    assertThat(width(By.id("card-qr"))).isGreaterThan(200);
  }

  private Long sidewaysOverflow() {
    return (Long)
        browser.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
  }
}
