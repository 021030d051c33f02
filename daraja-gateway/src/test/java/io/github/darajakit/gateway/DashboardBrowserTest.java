package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.payouts.FraudChecks;
import io.github.darajakit.gateway.subscriptions.QuietHours;
import io.github.darajakit.gateway.support.Browser;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against a gateway on its emulator: signing in, the
 * overview and lists changing live as money moves, filtering, and answering an STK prompt from the
 * phone panel. With {@code -Ddashboard.screenshots=DIR} it also saves the main pages as PNGs (how
 * docs/img is made).
 */
class DashboardBrowserTest {

  @RegisterExtension GatewayHarness h = GatewayHarness.withLockedDownEmulator();

  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    browser = Browser.open(false);
    wait = Browser.waitFor(browser);
  }

  private void click(By by) {
    Browser.click(wait, by);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void signIn(String key) {
    signIn(h.gateway().baseUrl(), key);
  }

  private void signIn(String baseUrl, String key) {
    browser.get(baseUrl + "/");
    WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    input.clear();
    input.sendKeys(key);
    browser.findElement(By.id("signin-button")).click();
  }

  private void signedIn() {
    signIn(GatewayHarness.API_KEY);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
  }

  private String createPayment(String phone, long amount) {
    return h.merchant().createPayment(phone, amount);
  }

  private void search(String text) {
    WebElement box = browser.findElement(By.cssSelector("#filters input[name='q']"));
    box.clear();
    box.sendKeys(text);
    click(By.id("apply-filters"));
  }

  private By row(String id) {
    return By.cssSelector("tr[data-id='" + id + "']");
  }

  private String statusOf(String id) {
    return browser
        .findElement(row(id))
        .findElement(By.cssSelector("td[data-field='status']"))
        .getText();
  }

  @Test
  void nothingIsReadableWithoutAKeyAndAWrongKeyIsRefused() {
    browser.get(h.gateway().baseUrl() + "/");
    assertThat(browser.getPageSource())
        .doesNotContain("pay_")
        .doesNotContain(GatewayHarness.API_KEY);
    signIn("not-the-key");
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
    assertThat(error.getText()).contains("not accepted");
    assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
    // No dashboard password set: none is offered, and none signs in.
    assertThat(browser.findElement(By.id("password-signin")).isDisplayed()).isFalse();
    assertThat(
            h.merchant()
                .send(
                    "POST",
                    "/dashboard/session",
                    "{\"password\":\"guess-guess-guess\"}",
                    null,
                    null)
                .status())
        .isEqualTo(404);
  }

  @Test
  void theOverviewAndThePaymentsListChangeLiveAsMoneyMoves() throws Exception {
    signedIn();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
    By collected = By.cssSelector("[data-stat='today-collected']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(collected, "KES 0"));

    String paid = createPayment("0708374149", 1500);
    // No reload: the event stream brings it.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(collected, "KES 1,500"));

    click(By.cssSelector("a[data-nav='payments']"));
    wait.until(ExpectedConditions.presenceOfElementLocated(row(paid)));
    assertThat(statusOf(paid)).isEqualTo("succeeded");
    String cancelled = createPayment("254700001032", 20);
    wait.until(ExpectedConditions.presenceOfElementLocated(row(cancelled)));
    wait.until(d -> statusOf(cancelled).equals("cancelled"));
    Browser.screenshot(browser, "payments");

    // Filtering: only the cancelled one is left.
    new org.openqa.selenium.support.ui.Select(
            browser.findElement(By.cssSelector("#filters select[name='status']")))
        .selectByValue("cancelled");
    click(By.id("apply-filters"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(row(paid)));
    List<WebElement> rows = browser.findElements(By.cssSelector("table#list tbody tr[data-id]"));
    assertThat(rows).extracting(r -> r.getAttribute("data-id")).containsExactly(cancelled);
    assertThat(browser.getCurrentUrl()).contains("status=cancelled");

    // One search box: a phone number filters by phone, anything else by reference.
    search("0700001032");
    wait.until(ExpectedConditions.urlContains("phone=0700001032"));
    wait.until(ExpectedConditions.presenceOfElementLocated(row(cancelled)));
    search("INV-7");
    wait.until(ExpectedConditions.urlContains("reference=INV-7"));
    wait.until(ExpectedConditions.presenceOfElementLocated(row(cancelled)));

    // The detail page: its timeline and the callback Daraja sent.
    browser.get(h.gateway().baseUrl() + "/#/payments/" + paid);
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#detail[data-id='" + paid + "']")));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#timeline li[data-type='payment.succeeded']")));
    assertThat(browser.findElement(By.id("callbacks")).getText()).contains("applied");
    assertThat(
            browser
                .findElement(By.cssSelector("#timeline li[data-type='payment.succeeded'] a"))
                .getAttribute("href"))
        .contains("#/webhooks?event=evt_");
    // Fields grouped and labelled for a person, times in East Africa Time, receipts copyable.
    String receipt = h.merchant().get("/v1/payments/" + paid).text("mpesa_receipt");
    WebElement mpesa = browser.findElement(By.cssSelector("[data-group='mpesa']"));
    assertThat(mpesa.getText()).contains("M-Pesa receipt", receipt, "CheckoutRequestID");
    assertThat(browser.findElement(By.cssSelector("[data-group='money']")).getText())
        .contains("Amount paid", "KES 1,500");
    assertThat(browser.findElement(By.cssSelector("[data-group='timeline']")).getText())
        .contains("Created", "EAT")
        .doesNotContain("created_at");
    By copyReceipt = By.cssSelector("[data-field='mpesa_receipt'] button.copy");
    assertThat(browser.findElement(copyReceipt).getAttribute("data-copy")).isEqualTo(receipt);
    click(copyReceipt);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(copyReceipt, "Copied"));
    Browser.screenshot(browser, "payment");

    // Reversing it links the two pages both ways.
    String reversal =
        h.merchant().post("/v1/reversals", "{\"receipt\":\"" + receipt + "\"}").text("id");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#related li[data-related='" + reversal + "'] a")));
    click(By.cssSelector("#related li[data-related='" + reversal + "'] a"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#related li[data-related='" + paid + "']")));
    assertThat(browser.findElement(By.cssSelector("[data-field='original']")).getText())
        .contains(paid);

    // The overview's charts: outcomes per day, the success rate, and why payments failed.
    click(By.cssSelector("a[data-nav='overview']"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#payment-failures li[data-code='1032']")));
    assertThat(browser.findElements(By.cssSelector("#outcomes-chart rect.bar"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#success-chart circle.rate-dot"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector("#volume-chart rect.bar"))).isNotEmpty();
    Browser.screenshot(browser, "overview");
  }

  @Test
  void theOverviewsChartsDrawEachDayOfTheWeekAndWhyMoneyDidNotMove() throws Exception {
    // Four days of traffic: paid, cancelled and underfunded pushes, and payouts, one paid and one
    // to a number M-Pesa cannot pay.
    String[][] days = {
      {"0708374149", "0708374149", "254700001032"},
      {"0708374149", "254700000001", "254700001032", "254700001032"},
      {"0708374149", "0708374149", "0708374149"},
      {"0708374149", "254700001032"},
    };
    for (String[] phones : days) {
      for (String phone : phones) {
        h.merchant().awaitSettled(createPayment(phone, 250));
      }
      h.clock().advance(Duration.ofDays(1));
    }
    for (String phone : new String[] {"0708374149", "254700002040"}) {
      String payout =
          h.merchant()
              .post(
                  "/v1/payouts",
                  "{\"phone\":\""
                      + phone
                      + "\",\"amount\":1200,\"type\":\"business\",\"remarks\":\"Payout\"}")
              .text("id");
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !h.merchant().get("/v1/payouts/" + payout).text("status").equals("pending"));
    }
    signedIn();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#payout-failures li[data-code='2040']")));
    // One success-rate point per day a payment ended on, with that day's own rate.
    List<WebElement> rates = browser.findElements(By.cssSelector("#success-chart circle.rate-dot"));
    assertThat(rates)
        .extracting(r -> r.getAttribute("data-rate"))
        .containsExactly("0.6667", "0.2500", "1.0000", "0.5000");
    // Most frequent failure first: four cancellations, then one underfunded push.
    assertThat(browser.findElements(By.cssSelector("#payment-failures li")))
        .extracting(li -> li.getAttribute("data-code"))
        .containsExactly("1032", "1");
    assertThat(browser.findElement(By.id("payment-failures")).getText()).contains("4");
    // Each stacked segment is one status of one day: 12 payments in four days.
    assertThat(
            browser.findElements(By.cssSelector("#outcomes-chart rect.bar")).stream()
                .mapToLong(r -> Long.parseLong(r.getAttribute("data-value")))
                .sum())
        .isEqualTo(12);
    assertThat(browser.findElements(By.cssSelector("#payouts-chart rect.bar")))
        .extracting(r -> r.getAttribute("data-value"))
        .containsExactly("1200");
    Browser.screenshot(browser, By.cssSelector(".charts"), "charts");
  }

  @Test
  void b2bCollectionsAreListedWithTheirPagesAndAFlaggedOneIsCountedOnTheOverview() {
    signedIn();
    String paid =
        h.merchant()
            .post("/v1/b2b-collections", B2bCollectionTest.collection(h, 2500, "INV-1042"))
            .text("id");
    click(By.cssSelector("a[data-nav='b2b-collections']"));
    wait.until(ExpectedConditions.presenceOfElementLocated(row(paid)));
    wait.until(d -> statusOf(paid).equals("succeeded"));
    assertThat(
            browser
                .findElement(row(paid))
                .findElement(By.cssSelector("td[data-field='primary_short_code']"))
                .getText())
        .isEqualTo(B2bCollectionTest.TILL);

    browser.get(h.gateway().baseUrl() + "/#/b2b-collections/" + paid);
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#timeline li[data-type='b2b_collection.succeeded']")));
    assertThat(browser.findElement(By.id("callbacks")).getText()).contains("applied");

    // A push whose callback never comes goes before a person, and the overview says so.
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
    h.merchant().post("/v1/b2b-collections", B2bCollectionTest.collection(h, 700, "INV-7"));
    h.clock().advance(Duration.ofMinutes(6));
    h.gateway().reconcileNow();
    click(By.cssSelector("a[data-nav='overview']"));
    wait.until(
        ExpectedConditions.textToBe(
            By.cssSelector("[data-attention='b2b_collections_flagged']"), "1"));
    click(By.cssSelector("[data-attention='b2b_collections_flagged']"));
    wait.until(ExpectedConditions.urlContains("#/b2b-collections?needs_attention=true"));
    wait.until(d -> d.findElements(By.cssSelector("table#list tbody tr[data-id]")).size() == 1);
  }

  @Test
  void aPromptIsAnsweredFromThePhonePanelAndThePaymentTurnsSucceededLive() throws Exception {
    signedIn();
    click(By.cssSelector("a[data-nav='phone']"));
    // The panel redraws every 2 s: find the box again each try, and click it only while unticked.
    wait.until(
        d -> {
          WebElement manual = d.findElement(By.id("manual-mode"));
          if (!manual.isSelected()) {
            manual.click();
          }
          return true;
        });
    wait.until(
        d -> h.merchant().get("/v1/emulator/prompts").json().path("manual_mode").asBoolean());

    String waiting = createPayment("0708374149", 250);
    String checkout = h.merchant().get("/v1/payments/" + waiting).text("checkout_request_id");
    By prompt = By.cssSelector("#prompts li[data-checkout='" + checkout + "']");
    wait.until(ExpectedConditions.presenceOfElementLocated(prompt));
    Browser.screenshot(browser, "phone");
    click(
        By.cssSelector(
            "#prompts li[data-checkout='" + checkout + "'] button[data-action='approve']"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(prompt));

    // Open a second payment's page while it waits, answer it, and watch it change by itself.
    String second = createPayment("0708374149", 40);
    String secondCheckout = h.merchant().get("/v1/payments/" + second).text("checkout_request_id");
    browser.get(h.gateway().baseUrl() + "/#/payments/" + second);
    By status = By.cssSelector("#detail[data-id='" + second + "'] [data-field='status']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "pending"));
    assertThat(
            h.merchant().post("/v1/emulator/prompts/" + secondCheckout + "/approve", "{}").status())
        .isEqualTo(200);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "succeeded"));

    assertThat(h.merchant().get("/v1/payments/" + waiting).text("status")).isEqualTo("succeeded");
  }

  @Test
  void aBatchIsConfirmedFromItsPageAndItsProgressFillsLive() {
    String batch =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"salary\",\"remarks\":\"November salary\",\"items\":["
                    + "{\"phone\":\"0708374149\",\"amount\":100},"
                    + "{\"phone\":\"254700000002\",\"amount\":200},"
                    + "{\"phone\":\"254700002040\",\"amount\":300}]}")
            .text("id");
    signedIn();
    browser.get(h.gateway().baseUrl() + "/#/batches/" + batch);
    By status = By.cssSelector("#detail[data-id='" + batch + "'] [data-field='status']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "awaiting_confirmation"));
    click(By.cssSelector("button[data-action='confirm']"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "completed"));
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("[data-progress='succeeded']"), "data-count", "2"));
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("[data-progress='failed']"), "data-count", "1"));
    // States no row is in draw nothing, and the progress is not repeated as raw JSON.
    assertThat(browser.findElements(By.cssSelector("[data-progress='queued']"))).isEmpty();
    assertThat(browser.findElement(By.id("detail")).getText()).doesNotContain("{\"");

    click(By.cssSelector("a[data-nav='overview']"));
    click(By.id("reconcile-now"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Reconciled"));
  }

  @Test
  void aHeldPayoutShowsWhatTheChecksFoundAndOnlyAnotherKeyApprovesItFromItsPage() {
    try (DarajaGateway checked =
        h.newGateway(
            g ->
                g.apiKey(GatewayHarness.API_KEY + "," + GatewayHarness.CHECKER_KEY)
                    .fraudChecks(new FraudChecks(Duration.ofDays(7), true)))) {
      // The emulator's 254700000911 (SWAPPED SIM) had its SIM swapped two days ago.
      String id =
          new MerchantClient(checked.baseUrl(), GatewayHarness.API_KEY)
              .post(
                  "/v1/payouts",
                  "{\"phone\":\"254700000911\",\"amount\":250,\"type\":\"business\","
                      + "\"remarks\":\"Refund\",\"expected_name\":\"Swapped Sim\"}")
              .text("id");
      By status = By.cssSelector("#detail[data-id='" + id + "'] [data-field='status']");

      // The maker sees the findings, and is refused when approving its own payout.
      signIn(checked.baseUrl(), GatewayHarness.API_KEY);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
      browser.get(checked.baseUrl() + "/#/payouts/" + id);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "held"));
      WebElement swap =
          wait.until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector("#checks tr[data-check='sim_swap'][data-outcome='held']")));
      assertThat(swap.getText()).contains("SIM swap").contains("within payouts.simSwapGuard (7d)");
      assertThat(browser.findElement(By.cssSelector("#checks tr[data-check='name']")).getText())
          .contains("Name (Hakikisha)")
          .contains("passed")
          .contains("SWAPPED S******");
      assertThat(browser.findElement(By.id("checks")).getText()).contains("Swapped Sim");
      click(By.cssSelector("button[data-action='approve']"));
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("message"), "another API key must approve it"));
      assertThat(h.admin("GET", "/counters", null).json().at("/endpoints/b2c_v3").asInt()).isZero();

      // The checker approves it: sent once, and the page says who approved it.
      click(By.id("signout"));
      signIn(checked.baseUrl(), GatewayHarness.CHECKER_KEY);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
      browser.get(checked.baseUrl() + "/#/payouts/" + id);
      wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "held"));
      click(By.cssSelector("button[data-action='approve']"));
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "succeeded"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review"), "approved"));
      assertThat(browser.findElements(By.cssSelector("button[data-action='approve']"))).isEmpty();
      assertThat(h.admin("GET", "/counters", null).json().at("/endpoints/b2c_v3").asInt())
          .isEqualTo(1);
    }
  }

  /**
   * A plan "Gym monthly" (KES 1,500) and a subscription to it for {@code phone}, whose first
   * invoice the billing run has charged; answers the plan's id and the subscription's.
   */
  private String[] billedSubscription(String phone, String reference) {
    // Charges wait out the quiet hours (21:00-07:00 EAT): move the clock to when prompts may go.
    long now = h.clock().millis();
    h.clock().advance(Duration.ofMillis(QuietHours.defaults().nextAllowed(now) - now));
    String plan =
        h.merchant()
            .post("/v1/plans", "{\"name\":\"Gym monthly\",\"amount\":1500,\"interval\":\"month\"}")
            .text("id");
    String subscription =
        h.merchant()
            .post(
                "/v1/subscriptions",
                "{\"phone\":\""
                    + phone
                    + "\",\"plan\":\""
                    + plan
                    + "\",\"reference\":\""
                    + reference
                    + "\"}")
            .text("id");
    h.gateway().subscriptions().billing().runOnce();
    return new String[] {plan, subscription};
  }

  @Test
  void aSubscriptionsPageShowsItsInvoiceAndChargeAndPausesIt() throws Exception {
    String[] billed = billedSubscription("0708374149", "GYM-1");
    String plan = billed[0];
    String subscription = billed[1];
    String invoice =
        h.merchant()
            .get("/v1/invoices?subscription=" + subscription)
            .json()
            .path("data")
            .path(0)
            .path("id")
            .asText();
    String payment =
        h.merchant()
            .get("/v1/invoices/" + invoice)
            .json()
            .path("charges")
            .path(0)
            .path("payment")
            .asText();
    assertThat(payment).startsWith("pay_");

    signedIn();
    click(By.cssSelector("a[data-nav='subscriptions']"));
    wait.until(ExpectedConditions.presenceOfElementLocated(row(subscription)));
    // The plan by its name, its id on hover.
    WebElement planCell =
        browser
            .findElement(row(subscription))
            .findElement(By.cssSelector("td[data-field='plan'] a"));
    assertThat(planCell.getText()).isEqualTo("Gym monthly");
    assertThat(planCell.getAttribute("title")).isEqualTo(plan);
    assertThat(browser.findElement(row(subscription)).getText()).contains("GYM-1");
    // The plan filter and the status filter narrow the list on the server.
    browser.get(h.gateway().baseUrl() + "/#/subscriptions?plan=" + plan);
    // The unfiltered list stays on screen until the filtered one has its rows (and plans).
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("#filters input[name='plan']"), "value", plan));
    wait.until(ExpectedConditions.presenceOfElementLocated(row(subscription)));
    browser.get(h.gateway().baseUrl() + "/#/subscriptions?status=paused");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("list"), "No subscriptions"));

    // Its page: readable facts, the plan, the invoice and its charge (succeeding live).
    browser.get(h.gateway().baseUrl() + "/#/subscriptions/" + subscription);
    By status = By.cssSelector("#detail[data-id='" + subscription + "'] [data-field='status']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "active"));
    assertThat(browser.findElement(By.cssSelector("[data-field='plan']")).getText())
        .contains("Gym monthly")
        .contains("KES 1,500 every month");
    assertThat(browser.findElement(By.cssSelector("[data-field='created_at']")).getText())
        .endsWith("EAT");
    By charge =
        By.cssSelector(
            "article[data-invoice='" + invoice + "'] tr[data-payment='" + payment + "']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(charge, "succeeded"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("article[data-invoice='" + invoice + "'] .invoice-head"), "paid"));
    Browser.screenshot(browser, "subscription");
    click(By.cssSelector("tr[data-payment='" + payment + "'] a"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#detail[data-id='" + payment + "']")));

    // Pause from its page: the API changes it and the page says so.
    browser.get(h.gateway().baseUrl() + "/#/subscriptions/" + subscription);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "active"));
    click(By.cssSelector("button[data-action='pause']"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "paused"));
    assertThat(h.merchant().get("/v1/subscriptions/" + subscription).text("status"))
        .isEqualTo("paused");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("button[data-action='resume']")));

    // Cancelling asks first; declining leaves it paused.
    click(By.cssSelector("button[data-action='cancel']"));
    wait.until(ExpectedConditions.alertIsPresent()).dismiss();
    assertThat(h.merchant().get("/v1/subscriptions/" + subscription).text("status"))
        .isEqualTo("paused");

    click(By.cssSelector("a[data-nav='invoices']"));
    wait.until(ExpectedConditions.presenceOfElementLocated(row(invoice)));
    wait.until(d -> statusOf(invoice).equals("paid"));
    click(By.cssSelector("a[data-nav='plans']"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row(plan), "Gym monthly"));
    assertThat(browser.findElement(row(plan)).getText()).contains("every month");
  }

  private void type(String id, String text) {
    Browser.type(browser, id, text);
  }

  private void choose(String id, String value) {
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id(id))).selectByValue(value);
  }

  private String errorBy(String fieldId) {
    return Browser.fieldError(browser, wait, fieldId);
  }

  private String newest(String list) {
    String page = list + (list.contains("?") ? "&" : "?") + "limit=1";
    return h.merchant().get(page).json().path("data").path(0).path("id").asText();
  }

  @Test
  void plansAndSubscriptionsAreMadeAndChangedFromTheDashboardWithEachRefusalByItsField() {
    signedIn();
    click(By.cssSelector("a[data-nav='plans']"));
    click(By.cssSelector("#create-plan > summary"));
    type("new-plan-name", "Gym monthly");
    type("new-plan-amount", "0");
    choose("new-plan-interval", "month");
    click(By.cssSelector("#new-plan button[type='submit']"));
    assertThat(errorBy("new-plan-amount")).contains("amount");
    assertThat(h.merchant().get("/v1/plans").json().path("data")).isEmpty();
    type("new-plan-amount", "1500");
    click(By.cssSelector("#new-plan button[type='submit']"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "created"));
    String monthly = newest("/v1/plans");
    assertThat(browser.findElement(By.id("message")).getText())
        .isEqualTo("Plan " + monthly + " created: Gym monthly, KES 1,500 every month.");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row(monthly), "Gym monthly"));
    click(By.cssSelector("#create-plan > summary"));
    type("new-plan-name", "Gym yearly");
    type("new-plan-amount", "15000");
    choose("new-plan-interval", "year");
    click(By.cssSelector("#new-plan button[type='submit']"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Gym yearly"));
    String yearly = newest("/v1/plans");

    click(By.cssSelector("a[data-nav='subscriptions']"));
    click(By.cssSelector("#create-subscription > summary"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#new-subscription-plan option[value='" + monthly + "']")));
    type("new-subscription-phone", "12345");
    choose("new-subscription-plan", monthly);
    type("new-subscription-reference", "GYM-1");
    click(By.cssSelector("#new-subscription button[type='submit']"));
    assertThat(errorBy("new-subscription-phone")).contains("12345");
    type("new-subscription-phone", "0708374149");
    click(By.cssSelector("#new-subscription button[type='submit']"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "created"));
    String subscription = newest("/v1/subscriptions");
    wait.until(ExpectedConditions.presenceOfElementLocated(row(subscription)));
    assertThat(
            browser
                .findElement(row(subscription))
                .findElement(By.cssSelector("td[data-field='plan']"))
                .getText())
        .isEqualTo("Gym monthly");
    assertThat(h.merchant().get("/v1/subscriptions").json().path("data")).hasSize(1);

    // Its page changes the number and the plan; a wrong number is refused next to the field.
    browser.get(h.gateway().baseUrl() + "/#/subscriptions/" + subscription);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("changes")));
    type("change-phone-phone", "0712");
    click(By.cssSelector("#change-phone button[type='submit']"));
    assertThat(errorBy("change-phone-phone")).contains("0712");
    type("change-phone-phone", "0712345678");
    click(By.cssSelector("#change-phone button[type='submit']"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-field='phone']"), "254712345678"));
    assertThat(browser.findElement(By.id("change-phone-phone-error")).getText()).isEmpty();
    wait.until(
        d ->
            new org.openqa.selenium.support.ui.Select(d.findElement(By.id("change-plan-plan")))
                .getFirstSelectedOption()
                .getAttribute("value")
                .equals(monthly));
    choose("change-plan-plan", yearly);
    click(By.cssSelector("#change-plan button[type='submit']"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-field='plan']"), "Gym yearly"));
    assertThat(h.merchant().get("/v1/subscriptions/" + subscription).text("plan"))
        .isEqualTo(yearly);

    // A page that has not caught up (no live updates here) meets the API's 409 by the field.
    // No live updates, and none scheduled or running, so the form stays on the page.
    browser.executeScript("stopStream(); clearTimeout(refreshTimer); refreshTimer = null;");
    wait.until(d -> Boolean.FALSE.equals(browser.executeScript("return refreshing;")));
    assertThat(h.merchant().post("/v1/subscriptions/" + subscription + "/cancel", "{}").status())
        .isEqualTo(200);
    type("change-phone-phone", "0712345679");
    click(By.cssSelector("#change-phone button[type='submit']"));
    assertThat(errorBy("change-phone-phone")).contains("cancelled");
    assertThat(h.merchant().get("/v1/subscriptions/" + subscription).text("phone"))
        .isEqualTo("254712345678");
  }

  @Test
  void aFlaggedInvoiceIsListedUnderNeedsAttention() {
    // The emulator's customer who cancels the prompt: a 1032 waits for a person.
    String subscription = billedSubscription("254700001032", "GYM-2")[1];
    String invoice = newest("/v1/invoices?subscription=" + subscription);
    wait.until(
        d -> !h.merchant().get("/v1/invoices/" + invoice).json().path("needs_attention").isNull());

    signedIn();
    By flagged = By.cssSelector("#flagged-billing li[data-flagged='" + invoice + "']");
    wait.until(ExpectedConditions.presenceOfElementLocated(flagged));
    assertThat(browser.findElement(flagged).getText()).contains("Invoice").contains("open");
    assertThat(browser.findElements(By.cssSelector("#flagged-billing li"))).hasSize(1);
    click(By.cssSelector("#flagged-billing li[data-flagged='" + invoice + "'] a"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#detail[data-id='" + invoice + "']")));
  }

  @Test
  void theDashboardIsUsableOnAPhoneScreen() {
    browser.quit();
    browser = Browser.open(true);
    wait = Browser.waitFor(browser);
    signedIn();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
    Long overflow =
        (Long)
            browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(overflow)
        .as("no sideways scrolling of the page on a 390 px screen")
        .isLessThanOrEqualTo(0L);
  }
}
