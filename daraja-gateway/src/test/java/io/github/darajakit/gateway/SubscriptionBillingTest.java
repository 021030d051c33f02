package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.subscriptions.Billing;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Recurring billing through the merchant API against the emulator, on a clock the test moves: the
 * billing run is driven by hand ({@code runOnce}), so a year passes in seconds. The emulator's STK
 * prompts are the oracle for how many times a customer was asked.
 */
class SubscriptionBillingTest {

  static final ZoneId EAT = ZoneId.of("Africa/Nairobi");
  static final String PAYS = "254708374149";

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  /** Moves the gateway's clock to a local time in Nairobi. */
  void at(String localDateTime) {
    h.clock().setTo(LocalDateTime.parse(localDateTime).atZone(EAT).toInstant());
  }

  String plan(long amount, String interval) {
    Reply plan =
        h.merchant()
            .post(
                "/v1/plans",
                "{\"name\":\"Plan "
                    + amount
                    + "\",\"amount\":"
                    + amount
                    + ",\"interval\":\""
                    + interval
                    + "\"}");
    assertThat(plan.status()).as(plan.json().toString()).isEqualTo(201);
    return plan.text("id");
  }

  String subscribe(String phone, String plan, String extra) {
    Reply s =
        h.merchant()
            .post(
                "/v1/subscriptions",
                "{\"phone\":\""
                    + phone
                    + "\",\"plan\":\""
                    + plan
                    + "\",\"reference\":\"MEMBER-1\""
                    + extra
                    + "}");
    assertThat(s.status()).as(s.json().toString()).isEqualTo(201);
    return s.text("id");
  }

  Billing.Run bill() {
    return h.gateway().subscriptions().billing().runOnce();
  }

  List<JsonNode> invoices(String subscription) {
    List<JsonNode> all =
        new ArrayList<>(h.merchant().all("/v1/invoices?subscription=" + subscription));
    all.sort((a, b) -> a.path("period_start").asText().compareTo(b.path("period_start").asText()));
    return all;
  }

  /** Waits until the subscription's newest charge has settled, and returns its invoice. */
  JsonNode settledInvoice(String subscription) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              List<JsonNode> all = invoices(subscription);
              return all.get(all.size() - 1);
            },
            i -> i.path("payment_in_flight").isNull());
  }

  JsonNode subscription(String id) {
    return h.merchant().get("/v1/subscriptions/" + id).json();
  }

  /** STK prompts the emulator received for a phone and reference. */
  long prompts(String phone) {
    JsonNode list = h.admin("GET", "/stk?limit=10000", null).json().path("prompts");
    long n = 0;
    for (JsonNode p : list) {
      if (p.path("phoneNumber").asText().equals(phone)
          && p.path("accountReference").asText().startsWith("MEMBER")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aYearOfMonthlyBillingOnTheLastDayOfTheMonthBillsEachPeriodOnce() {
    at("2027-01-15T10:00:00");
    String plan = plan(1500, "month");
    String sub = subscribe(PAYS, plan, ",\"billing_anchor\":31");
    assertThat(subscription(sub).path("status").asText()).isEqualTo("active");
    assertThat(subscription(sub).path("next_billing_at").asText())
        .isEqualTo("2027-01-30T21:00:00Z"); // 31 January, 00:00 in Nairobi

    List<String> expected = new ArrayList<>();
    LocalDate month = LocalDate.of(2027, 1, 1);
    for (int i = 0; i < 12; i++) {
      LocalDate day = month.withDayOfMonth(month.lengthOfMonth());
      expected.add(day.toString());
      at(day + "T10:00:00");
      Billing.Run run = bill();
      assertThat(run.invoiced()).as("period %s", day).isEqualTo(1);
      assertThat(run.charged()).isEqualTo(1);
      JsonNode invoice = settledInvoice(sub);
      assertThat(invoice.path("status").asText()).isEqualTo("paid");
      assertThat(invoice.path("mpesa_receipt").asText()).matches("[A-Z0-9]{10}");
      // Running again, and after a restart, bills nothing more.
      assertThat(bill()).isEqualTo(new Billing.Run(0, 0, 0));
      if (i == 5) {
        h.restartGateway();
        assertThat(bill()).isEqualTo(new Billing.Run(0, 0, 0));
      }
      month = month.plusMonths(1);
    }

    List<JsonNode> all = invoices(sub);
    assertThat(all).extracting(i -> i.path("period_start").asText()).isEqualTo(expected);
    assertThat(all).allSatisfy(i -> assertThat(i.path("status").asText()).isEqualTo("paid"));
    assertThat(all).allSatisfy(i -> assertThat(i.path("amount").asLong()).isEqualTo(1500));
    assertThat(all).allSatisfy(i -> assertThat(i.path("attempts").asInt()).isEqualTo(1));
    assertThat(prompts(PAYS)).isEqualTo(12);
    assertThat(subscription(sub).path("status").asText()).isEqualTo("active");
  }

  /**
   * Each failure code follows its rule: the delays between attempts, then uncollectible (the
   * subscription left past due), all read off the invoice's attempts and events.
   */
  @ParameterizedTest(name = "{0} ({1}): retries after {2}")
  @CsvSource({
    "254700001037, 1037, 1h 6h 24h",
    "254700001001, 1001, 1h 6h 24h",
    "254700000001, 1, 1d 3d 5d",
    "254700002001, 2001, 1h",
  })
  void aFailedChargeIsRetriedByItsCodesRuleThenGivenUp(String phone, String code, String delays) {
    at("2027-03-01T08:00:00");
    String sub = subscribe(phone, plan(500, "month"), "");
    assertThat(bill().charged()).isEqualTo(1);
    String[] waits = delays.split(" ");
    for (String wait : waits) {
      JsonNode invoice = settledInvoice(sub);
      assertThat(invoice.path("status").asText()).isEqualTo("open");
      assertThat(invoice.path("result_code").asText()).isEqualTo(code);
      assertThat(subscription(sub).path("status").asText()).isEqualTo("past_due");
      Duration d =
          ConfigFile.duration("delay", com.fasterxml.jackson.databind.node.TextNode.valueOf(wait));
      long next = java.time.Instant.parse(invoice.path("next_attempt_at").asText()).toEpochMilli();
      assertThat(next - h.clock().millis()).isBetween(d.toMillis() - 60_000, d.toMillis());
      // Not a moment before its time.
      h.clock().advance(d.minusMinutes(2));
      assertThat(bill().charged()).isZero();
      h.clock().advance(Duration.ofMinutes(3));
      assertThat(bill().charged()).isEqualTo(1);
    }
    JsonNode last = settledInvoice(sub);
    assertThat(last.path("status").asText()).isEqualTo("uncollectible");
    assertThat(last.path("attempts").asInt()).isEqualTo(waits.length + 1);
    assertThat(last.path("next_attempt_at").isNull()).isTrue();
    assertThat(subscription(sub).path("status").asText()).isEqualTo("past_due");
    h.clock().advance(Duration.ofDays(6));
    assertThat(bill().charged()).isZero();
    JsonNode withCharges = h.merchant().get("/v1/invoices/" + last.path("id").asText()).json();
    assertThat(withCharges.path("charges")).hasSize(waits.length + 1);
    assertThat(h.merchant().eventTypes(last.path("id").asText()))
        .filteredOn("invoice.payment_failed"::equals)
        .hasSize(waits.length + 1);
    assertThat(h.merchant().eventTypes(last.path("id").asText())).contains("invoice.uncollectible");
  }

  @Test
  void aCancelledPromptWaitsForTheMerchantWhoChargesAgainByHand() {
    at("2027-03-01T08:00:00");
    String sub = subscribe("254700001032", plan(500, "month"), "");
    bill();
    JsonNode invoice = settledInvoice(sub);
    assertThat(invoice.path("status").asText()).isEqualTo("open");
    assertThat(invoice.path("result_code").asText()).isEqualTo("1032");
    assertThat(invoice.path("next_attempt_at").isNull()).isTrue();
    assertThat(invoice.path("needs_attention").asText()).contains("contact them");
    assertThat(h.merchant().all("/v1/invoices?needs_attention=true"))
        .extracting(i -> i.path("id").asText())
        .containsExactly(invoice.path("id").asText());
    assertThat(subscription(sub).path("status").asText()).isEqualTo("past_due");
    JsonNode failed =
        h.merchant()
            .get("/v1/events?type=invoice.payment_failed&object_id=" + invoice.path("id").asText())
            .json()
            .path("data")
            .get(0)
            .path("data")
            .path("object");
    assertThat(failed.path("attempt").path("result_code").asText()).isEqualTo("1032");
    assertThat(failed.path("attempt").path("next_retry_at").isNull()).isTrue();

    h.clock().advance(Duration.ofDays(3));
    assertThat(bill().charged()).isZero(); // no automatic retry

    // The merchant calls the customer, who now pays from another number.
    h.merchant().post("/v1/subscriptions/" + sub + "/change-phone", "{\"phone\":\"" + PAYS + "\"}");
    Reply charged = h.merchant().post("/v1/subscriptions/" + sub + "/charge-now", "");
    assertThat(charged.status()).as(charged.json().toString()).isEqualTo(200);
    assertThat(charged.json().path("needs_attention").isNull()).as("the merchant acted").isTrue();
    assertThat(h.merchant().all("/v1/invoices?needs_attention=true")).isEmpty();
    assertThat(bill().charged()).isEqualTo(1);
    JsonNode paid = settledInvoice(sub);
    assertThat(paid.path("status").asText()).isEqualTo("paid");
    assertThat(paid.path("attempts").asInt()).isEqualTo(2);
    assertThat(subscription(sub).path("status").asText()).isEqualTo("active");
    assertThat(h.merchant().eventTypes(sub))
        .contains("subscription.past_due", "subscription.activated");
  }

  @Test
  void aSuccessAfterARetryBringsTheSubscriptionBackToActive() {
    at("2027-03-01T08:00:00");
    String sub = subscribe("254700001037", plan(500, "month"), "");
    bill();
    assertThat(settledInvoice(sub).path("result_code").asText()).isEqualTo("1037");
    assertThat(subscription(sub).path("status").asText()).isEqualTo("past_due");
    h.merchant().post("/v1/subscriptions/" + sub + "/change-phone", "{\"phone\":\"" + PAYS + "\"}");
    h.clock().advance(Duration.ofMinutes(61));
    assertThat(bill().charged()).isEqualTo(1);
    assertThat(settledInvoice(sub).path("status").asText()).isEqualTo("paid");
    assertThat(subscription(sub).path("status").asText()).isEqualTo("active");
  }

  /**
   * A charge whose push's answer is lost is unknown: the invoice keeps it in flight, so days of
   * billing runs start no other charge; the payments reconciler puts it before a person, and the
   * customer was asked once.
   */
  @Test
  void aChargeWhoseOutcomeIsUnknownIsNeverChargedAgainBlind() {
    at("2027-03-01T10:00:00");
    h.dropNextAnswer("stk_push");
    // The emulator's number whose callback never comes: only the reconciler can learn more.
    String sub = subscribe("254700000404", plan(500, "month"), "");
    assertThat(bill().charged()).isEqualTo(1);
    JsonNode invoice = invoices(sub).get(0);
    String payment = invoice.path("payment_in_flight").asText();
    assertThat(h.merchant().get("/v1/payments/" + payment).text("status")).isEqualTo("unknown");
    for (int day = 0; day < 3; day++) {
      h.clock().advance(Duration.ofDays(1));
      assertThat(bill().charged()).isZero();
      h.gateway().reconcileNow();
    }
    JsonNode after = invoices(sub).get(0);
    assertThat(after.path("status").asText()).isEqualTo("open");
    assertThat(after.path("attempts").asInt()).isEqualTo(1);
    assertThat(after.path("payment_in_flight").asText()).isEqualTo(payment);
    assertThat(h.merchant().get("/v1/payments/" + payment).text("needs_attention")).isNotBlank();
    assertThat(prompts("254700000404")).isEqualTo(1);
  }

  /** A success only STK Query confirmed (no callback, so no receipt yet) still pays the invoice. */
  @Test
  void aChargeConfirmedOnlyByStkQueryPaysItsInvoice() {
    at("2027-03-01T10:00:00");
    String sub = subscribe("254700000404", plan(500, "month"), "");
    assertThat(bill().charged()).isEqualTo(1);
    h.clock().advance(Duration.ofMinutes(2));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              h.gateway().reconcileNow();
              return invoices(sub).get(0);
            },
            i -> i.path("status").asText().equals("paid"));
    assertThat(subscription(sub).path("status").asText()).isEqualTo("active");
  }

  @Test
  void noCustomerIsPromptedInQuietHours() {
    at("2027-03-01T22:30:00");
    String sub = subscribe(PAYS, plan(500, "month"), "");
    Billing.Run run = bill();
    assertThat(run.invoiced()).isEqualTo(1);
    assertThat(run.charged()).isZero();
    assertThat(invoices(sub).get(0).path("next_attempt_at").asText())
        .isEqualTo("2027-03-02T04:00:00Z"); // 07:00 in Nairobi
    at("2027-03-02T06:59:00");
    assertThat(bill().charged()).isZero();
    assertThat(prompts(PAYS)).isZero();
    at("2027-03-02T07:00:30");
    assertThat(bill().charged()).isEqualTo(1);
    assertThat(settledInvoice(sub).path("status").asText()).isEqualTo("paid");
    assertThat(prompts(PAYS)).isEqualTo(1);
  }

  /**
   * Prompts are paced through the timeline every instance shares (the {@code paces} table): five
   * prompts at the default 10 a second reserve five slots 100 ms apart, so the timeline ends at
   * least half a second after the run began, whoever runs next.
   */
  @Test
  void promptsTakeTheirSlotsFromTheSharedPace() throws Exception {
    at("2027-03-01T10:00:00");
    String plan = plan(100, "month");
    for (int i = 0; i < 5; i++) {
      subscribe("2547115100" + (10 + i), plan, "");
    }
    long before =
        java.time.temporal.ChronoUnit.MICROS.between(
            java.time.Instant.EPOCH, java.time.Instant.now());
    assertThat(bill().charged()).isEqualTo(5);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(h.databaseUrl());
        java.sql.ResultSet r =
            c.createStatement()
                .executeQuery("SELECT next_at FROM paces WHERE name LIKE 'subscriptions:%'")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getLong(1) - before).isGreaterThanOrEqualTo(5 * 100_000L);
    }
  }

  @Test
  void aPlanChangeMidPeriodAppliesFromTheNextPeriod() {
    at("2027-04-10T10:00:00");
    String small = plan(1000, "month");
    String large = plan(2000, "month");
    String weekly = plan(300, "week");
    String sub = subscribe(PAYS, small, "");
    bill();
    assertThat(settledInvoice(sub).path("amount").asLong()).isEqualTo(1000);

    at("2027-04-20T10:00:00");
    h.merchant().post("/v1/subscriptions/" + sub + "/change-plan", "{\"plan\":\"" + large + "\"}");
    assertThat(bill().invoiced()).isZero();
    assertThat(invoices(sub)).hasSize(1);
    assertThat(invoices(sub).get(0).path("amount").asLong()).isEqualTo(1000);

    at("2027-05-10T10:00:00");
    bill();
    assertThat(settledInvoice(sub).path("amount").asLong()).isEqualTo(2000);

    // A price change reaches the next period, not the current one.
    h.merchant().post("/v1/plans/" + large, "{\"amount\":2500}");
    at("2027-06-10T10:00:00");
    bill();
    assertThat(settledInvoice(sub).path("amount").asLong()).isEqualTo(2500);

    // Another interval: weekly periods from the next period's first day.
    h.merchant().post("/v1/subscriptions/" + sub + "/change-plan", "{\"plan\":\"" + weekly + "\"}");
    at("2027-07-25T10:00:00");
    bill();
    settledInvoice(sub);
    assertThat(invoices(sub))
        .extracting(i -> i.path("period_start").asText() + "/" + i.path("amount").asLong())
        .containsExactly(
            "2027-04-10/1000",
            "2027-05-10/2000",
            "2027-06-10/2500",
            "2027-07-10/300",
            "2027-07-17/300",
            "2027-07-24/300");
  }

  @Test
  void periodsThatBeginWhilePausedAreNotBilled() {
    at("2027-03-10T10:00:00");
    String sub = subscribe(PAYS, plan(800, "month"), "");
    bill();
    settledInvoice(sub);
    at("2027-03-15T10:00:00");
    assertThat(h.merchant().post("/v1/subscriptions/" + sub + "/pause", "").text("status"))
        .isEqualTo("paused");
    at("2027-05-20T10:00:00");
    assertThat(bill()).isEqualTo(new Billing.Run(0, 0, 0));
    Reply resumed = h.merchant().post("/v1/subscriptions/" + sub + "/resume", "");
    assertThat(resumed.text("status")).isEqualTo("active");
    assertThat(resumed.text("next_billing_at")).isEqualTo("2027-06-09T21:00:00Z");
    assertThat(bill().invoiced()).isZero();
    at("2027-06-10T10:00:00");
    assertThat(bill().invoiced()).isEqualTo(1);
    settledInvoice(sub);
    assertThat(invoices(sub))
        .extracting(i -> i.path("period_start").asText())
        .containsExactly("2027-03-10", "2027-06-10");
    assertThat(h.merchant().eventTypes(sub))
        .contains("subscription.paused", "subscription.resumed");
  }

  @Test
  void cancellingAtPeriodEndStopsBeforeTheNextInvoiceAndCancellingNowVoidsWhatIsOpen() {
    at("2027-03-10T10:00:00");
    String plan = plan(800, "month");
    String atEnd = subscribe(PAYS, plan, "");
    String now = subscribe("254700001032", plan, "");
    bill();
    settledInvoice(atEnd);
    settledInvoice(now);
    h.merchant().post("/v1/subscriptions/" + atEnd + "/cancel", "{\"at_period_end\":true}");
    Reply cancelled = h.merchant().post("/v1/subscriptions/" + now + "/cancel", "{}");
    assertThat(cancelled.text("status")).isEqualTo("cancelled");
    assertThat(invoices(now).get(0).path("status").asText()).isEqualTo("void");
    assertThat(subscription(atEnd).path("status").asText()).isEqualTo("active");

    at("2027-04-10T10:00:00");
    assertThat(bill().invoiced()).isZero();
    assertThat(subscription(atEnd).path("status").asText()).isEqualTo("cancelled");
    assertThat(invoices(atEnd)).hasSize(1);
    Reply again = h.merchant().post("/v1/subscriptions/" + now + "/charge-now", "");
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void anEndDateEndsTheSubscriptionAfterItsLastPeriod() {
    at("2027-03-10T10:00:00");
    String sub = subscribe(PAYS, plan(800, "month"), ",\"end_date\":\"2027-05-01\"");
    bill();
    settledInvoice(sub);
    at("2027-04-10T10:00:00");
    bill();
    settledInvoice(sub);
    at("2027-05-10T10:00:00");
    assertThat(bill().invoiced()).isZero();
    assertThat(subscription(sub).path("status").asText()).isEqualTo("ended");
    assertThat(invoices(sub)).hasSize(2);
  }

  @Test
  void aTrialBillsNothingUntilItEnds() {
    at("2027-03-10T10:00:00");
    Reply plan =
        h.merchant()
            .post(
                "/v1/plans",
                "{\"name\":\"Trial\",\"amount\":700,\"interval\":\"month\",\"trial_days\":14}");
    String sub = subscribe(PAYS, plan.text("id"), "");
    assertThat(subscription(sub).path("status").asText()).isEqualTo("trialing");
    assertThat(subscription(sub).path("trial_end").asText()).isEqualTo("2027-03-24");
    assertThat(bill().invoiced()).isZero();
    at("2027-03-24T10:00:00");
    assertThat(bill().invoiced()).isEqualTo(1);
    assertThat(settledInvoice(sub).path("period_start").asText()).isEqualTo("2027-03-24");
    assertThat(subscription(sub).path("status").asText()).isEqualTo("active");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndRecordsNothing() {
    at("2027-03-10T10:00:00");
    String plan = plan(800, "week");
    assertRefused("/v1/plans", "{\"name\":\"x\",\"amount\":0,\"interval\":\"month\"}", "amount");
    assertRefused(
        "/v1/plans", "{\"name\":\"x\",\"amount\":10,\"interval\":\"fortnight\"}", "interval");
    assertRefused("/v1/plans", "{\"name\":\"x\",\"amount\":1.5,\"interval\":\"month\"}", "amount");
    assertRefused(
        "/v1/subscriptions",
        "{\"phone\":\"0712\",\"plan\":\"" + plan + "\",\"reference\":\"A\"}",
        "phone");
    assertRefused(
        "/v1/subscriptions",
        "{\"phone\":\"" + PAYS + "\",\"plan\":\"" + plan + "\",\"reference\":\"THIRTEEN-CHAR\"}",
        "reference");
    assertRefused(
        "/v1/subscriptions",
        "{\"phone\":\""
            + PAYS
            + "\",\"plan\":\""
            + plan
            + "\",\"reference\":\"A\",\"billing_anchor\":5}",
        "billing_anchor");
    assertRefused(
        "/v1/subscriptions",
        "{\"phone\":\""
            + PAYS
            + "\",\"plan\":\""
            + plan
            + "\",\"reference\":\"A\",\"start_date\":\"2027-03-09\"}",
        "start_date");
    assertRefused(
        "/v1/subscriptions",
        "{\"phone\":\"" + PAYS + "\",\"plan\":\"plan_nope\",\"reference\":\"A\"}",
        "plan");
    assertRefused(
        "/v1/subscriptions",
        "{\"phone\":\""
            + PAYS
            + "\",\"plan\":\""
            + plan
            + "\",\"reference\":\"A\",\"rail\":\"card\"}",
        "rail");
    assertThat(h.merchant().all("/v1/subscriptions")).isEmpty();
    assertThat(h.merchant().all("/v1/plans")).hasSize(1);
  }

  private void assertRefused(String path, String body, String param) {
    Reply r = h.merchant().post(path, body);
    assertThat(r.status()).as(r.json().toString()).isEqualTo(400);
    assertThat(r.json().path("error").path("param").asText()).isEqualTo(param);
    assertThat(r.json().path("error").path("message").asText()).isNotBlank();
  }

  static Predicate<JsonNode> status(String s) {
    return n -> n.path("status").asText().equals(s);
  }
}
