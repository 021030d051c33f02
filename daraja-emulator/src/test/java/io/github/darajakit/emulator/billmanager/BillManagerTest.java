package io.github.darajakit.emulator.billmanager;

import static io.github.darajakit.emulator.billmanager.BillManager.ACCEPTED;
import static io.github.darajakit.emulator.billmanager.BillManager.BILLER;
import static io.github.darajakit.emulator.billmanager.BillManager.BULK;
import static io.github.darajakit.emulator.billmanager.BillManager.CANCEL;
import static io.github.darajakit.emulator.billmanager.BillManager.CANCEL_BULK;
import static io.github.darajakit.emulator.billmanager.BillManager.INVOICE;
import static io.github.darajakit.emulator.billmanager.BillManager.OPT_IN;
import static io.github.darajakit.emulator.billmanager.BillManager.PUSH_PATH;
import static io.github.darajakit.emulator.billmanager.BillManager.RECONCILIATION;
import static io.github.darajakit.emulator.billmanager.BillManager.UPDATE;
import static io.github.darajakit.emulator.billmanager.BillManager.invoice;
import static io.github.darajakit.emulator.billmanager.BillManager.optIn;
import static io.github.darajakit.emulator.billmanager.BillManager.optInBody;
import static io.github.darajakit.emulator.billmanager.BillManager.pay;
import static io.github.darajakit.emulator.billmanager.BillManager.payment;
import static io.github.darajakit.emulator.billmanager.BillManager.post;
import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bill Manager (REFERENCE §14) over the wire: its envelope, the app key, invoices and their
 * refusals, a customer paying through the ledger, the push retried until the biller answers rescode
 * 200, and acknowledgements counted.
 */
class BillManagerTest {

  @RegisterExtension
  static EmulatorHarness h =
      new EmulatorHarness(c -> c.billManagerPushRetryInterval(Duration.ofHours(1)));

  private static void assertRefusal(Reply reply, String rescode, String message) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(Integer.parseInt(rescode));
    assertThat(reply.text("rescode")).isEqualTo(rescode);
    assertThat(reply.text("Status_Message")).as("%s", reply).contains(message);
    assertThat(reply.json().path("errors").isArray()).isTrue();
    assertThat(reply.json().has("errorCode")).isFalse();
  }

  /**
   * The pushes of one payment. Filtered by transaction id: a push of the previous test's payment
   * may still be on its way when this test starts.
   */
  private static List<JsonNode> pushesOf(String receipt) {
    return h.receiver().on(PUSH_PATH).stream()
        .map(CallbackReceiver.Received::body)
        .filter(body -> body.path("transactionId").asText().equals(receipt))
        .toList();
  }

  private static JsonNode awaitPush(String receipt) {
    return h.receiver()
        .awaitOne(PUSH_PATH, body -> body.path("transactionId").asText().equals(receipt))
        .body();
  }

  /** Waits until the {@code attempts}th push has failed and the next is scheduled. */
  private static void awaitRetryAfter(String receipt, int attempts) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode payment = payment(h, receipt);
              return payment.path("attempts").asInt() == attempts
                  && payment.path("nextAttemptAt").isTextual();
            });
  }

  private static JsonNode biller() {
    return h.daraja().adminGet("billmanager/" + BILLER);
  }

  @Test
  void optInAnswersAnAppKeyAndASecondOptInIsRefused() {
    Reply first = h.daraja().post(OPT_IN, optInBody(BILLER, h.url(PUSH_PATH)));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.text("rescode")).isEqualTo("200");
    assertThat(first.text("resmsg")).isEqualTo("Success");
    assertThat(first.text("app_key")).matches("AG_\\d{8}_[0-9A-F]{20}");

    Reply again = h.daraja().post(OPT_IN, optInBody(BILLER, h.url(PUSH_PATH)));
    assertRefusal(again, "409", "Action Forbidden: Biller already Registered");
    assertThat(again.text("resmsg")).isEqualTo("Conflict");
    assertThat(biller().path("appKey").asText()).isEqualTo(first.text("app_key"));
    assertThat(biller().path("sendReminders").asBoolean()).isTrue();
  }

  @Test
  void aBadOptInIsRefusedNamingTheFieldAndOptsNothingIn() {
    assertRefusal(
        h.daraja().post(OPT_IN, optInBody("6009921", h.url(PUSH_PATH))), "400", "shortcode");
    assertRefusal(
        h.daraja().post(OPT_IN, optInBody("123456", h.url(PUSH_PATH))),
        "409",
        "Action Forbidden: Invalid consumer key/short code");
    assertRefusal(
        h.daraja().post(OPT_IN, optInBody(BILLER, h.url(PUSH_PATH)).put("officialContact", "071")),
        "409",
        "Action forbidden: Incorrect phone number format");
    assertRefusal(h.daraja().post(OPT_IN, optInBody(BILLER, "not a url")), "400", "callbackurl");
    assertRefusal(
        h.daraja().post(OPT_IN, optInBody(BILLER, h.url(PUSH_PATH)).put("sendReminders", "yes")),
        "400",
        "sendReminders");
    assertThat(h.daraja().adminGet("billmanager").path("billers")).isEmpty();
  }

  @Test
  void everyCallAfterOptInNeedsTheAppKeyOfTheSameApp() {
    String appKey = optIn(h);
    assertRefusal(post(h, INVOICE, invoice("A", "ACC-A", 100), null), "401", "'appKey' header");
    assertRefusal(post(h, INVOICE, invoice("A", "ACC-A", 100), "AG_x"), "401", "Invalid app key");
    String otherApp = "Bearer " + h.daraja().newToken("another-app", "secret");
    Reply withoutKey =
        h.daraja().post(INVOICE, invoice("A", "ACC-A", 100), otherApp, "appKey", null);
    assertRefusal(withoutKey, "401", "Missing app key");
    // One consumer key may serve several shortcodes, but an app key is its own app's.
    Reply withKey =
        h.daraja().post(INVOICE, invoice("A", "ACC-A", 100), otherApp, "appKey", appKey);
    assertRefusal(withKey, "409", "Action Forbidden: Invalid consumer key/short code");
    assertThat(biller().path("invoices")).isEmpty();

    assertThat(post(h, INVOICE, invoice("A", "ACC-A", 100), appKey).text("rescode"))
        .isEqualTo("200");
  }

  @Test
  void theAppKeyHeadersNameIsASetting() {
    String appKey = optIn(h);
    h.daraja().admin("PATCH", "settings", "{\"billManager.appKeyHeader\":\"X-App-Key\"}");

    assertRefusal(post(h, INVOICE, invoice("A", "ACC-A", 100), appKey), "401", "'X-App-Key'");
    Reply sent = h.daraja().post(INVOICE, invoice("A", "ACC-A", 100), "x-app-key", appKey);
    assertThat(sent.text("rescode")).as("%s", sent).isEqualTo("200");
  }

  @Test
  void aRefusedTokenIsBillManagersOwn401() {
    Reply reply =
        h.daraja()
            .post(
                OPT_IN,
                optInBody(BILLER, h.url(PUSH_PATH)).toString(),
                "Bearer nope",
                "application/json");
    assertDarajaError(reply, "401", "Unauthorized - Invalid Access Token");
    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void anInvoiceIsSentOnceAndEachBadFieldHasItsAnswer() {
    String appKey = optIn(h);
    Reply sent = post(h, INVOICE, invoice("#9932340", "1ASD678H", 800), appKey);
    assertThat(sent.status()).isEqualTo(200);
    assertThat(sent.text("Status_Message")).isEqualTo("Invoice sent successfully");
    assertThat(sent.text("resmsg")).isEqualTo("Success");

    assertRefusal(
        post(h, INVOICE, invoice("#9932340", "OTHER", 5), appKey),
        "409",
        "Action forbidden: Another entry exist with the same externalReference number");
    assertRefusal(
        post(h, INVOICE, invoice("B", "B", 5).put("billedPhoneNumber", "0110123456"), appKey),
        "409",
        "Action forbidden: Incorrect phone number format");
    for (String due : new String[] {"12/10/2021", "2021-10-12T00:00", "2021-02-29"}) {
      assertRefusal(
          post(h, INVOICE, invoice("B", "B", 5).put("dueDate", due), appKey),
          "409",
          "Action forbidden: Incorrect due date format");
    }
    assertRefusal(
        post(h, INVOICE, invoice("B", "B", 5).put("billedPeriod", "08/2021"), appKey),
        "400",
        "billedPeriod");
    assertRefusal(
        post(h, INVOICE, invoice("B", "B", 5).put("amount", "1,000"), appKey), "400", "amount");
    assertRefusal(
        post(h, INVOICE, invoice("B", "B", 5).put("invoiceName", ""), appKey),
        "400",
        "invoiceName");

    JsonNode invoices = biller().path("invoices");
    assertThat(invoices).hasSize(1);
    assertThat(invoices.get(0).path("status").asText()).isEqualTo("unpaid");
    assertThat(invoices.get(0).path("amount").asText()).isEqualTo("800.00");
    assertThat(
            post(h, INVOICE, invoice("T", "T", 5).put("dueDate", "2021-09-15 00:00:00.00"), appKey)
                .text("rescode"))
        .isEqualTo("200");
  }

  @Test
  void aBulkRequestIsAnArrayOfOneToAThousandAllOrNothing() {
    String appKey = optIn(h);
    ArrayNode two = DarajaHttp.JSON.createArrayNode();
    two.add(invoice("A", "ACC-A", 100)).add(invoice("B", "ACC-B", 200));
    assertThat(post(h, BULK, two, appKey).text("Status_Message"))
        .isEqualTo("Invoice sent successfully");

    assertRefusal(post(h, BULK, DarajaHttp.JSON.createArrayNode(), appKey), "400", "got 0");
    ArrayNode tooMany = DarajaHttp.JSON.createArrayNode();
    for (int i = 0; i <= 1000; i++) {
      tooMany.add(invoice("M" + i, "M" + i, 1));
    }
    assertRefusal(post(h, BULK, tooMany, appKey), "400", "got 1001");
    assertRefusal(post(h, BULK, invoice("C", "C", 1), appKey), "400", "JSON array");

    ArrayNode oneBad = DarajaHttp.JSON.createArrayNode();
    oneBad
        .add(invoice("C", "ACC-C", 1))
        .add(invoice("D", "ACC-D", 1).put("dueDate", "tomorrow"))
        .add(invoice("E", "ACC-E", 1));
    Reply refused = post(h, BULK, oneBad, appKey);
    assertRefusal(refused, "409", "Incorrect due date format");
    assertThat(refused.json().path("errors")).hasSize(1);
    assertThat(refused.json().path("errors").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(refused.json().path("errors").get(0).path("externalReference").asText())
        .isEqualTo("D");

    ArrayNode reused = DarajaHttp.JSON.createArrayNode();
    reused.add(invoice("F", "ACC-F", 1)).add(invoice("A", "ACC-A", 1));
    assertRefusal(post(h, BULK, reused, appKey), "409", "same externalReference");
    ArrayNode twice = DarajaHttp.JSON.createArrayNode();
    twice.add(invoice("G", "ACC-G", 1)).add(invoice("G", "ACC-G", 1));
    assertRefusal(post(h, BULK, twice, appKey), "409", "same externalReference");

    assertThat(biller().path("invoices"))
        .extracting(i -> i.path("externalReference").asText())
        .containsExactly("A", "B");
  }

  @Test
  void aCustomerPaysThroughTheLedgerAndThePushCarriesTheReferenceShape() {
    String appKey = optIn(h);
    h.receiver().answer(PUSH_PATH, 200, ACCEPTED, Duration.ZERO);
    post(h, INVOICE, invoice("INV-1", "BC001", 800), appKey);
    String customerBefore =
        h.daraja().adminGet("customers/" + Requests.TEST_MSISDN).path("balance").asText();

    String receipt = pay(h, "INV-1", 500);

    JsonNode push = awaitPush(receipt);
    assertThat(push.path("paidAmount").asText()).isEqualTo("500");
    assertThat(push.path("msisdn").asText()).isEqualTo(Requests.TEST_MSISDN);
    assertThat(push.path("dateCreated").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(push.path("accountReference").asText()).isEqualTo("BC001");
    assertThat(push.path("shortCode").asText()).isEqualTo(BILLER);
    assertThat(push.size()).isEqualTo(6);

    JsonNode ledger = h.daraja().adminGet("transactions/" + receipt);
    assertThat(ledger.path("amount").asText()).isEqualTo("500.00");
    assertThat(ledger.path("billReference").asText()).isEqualTo("BC001");
    assertThat(ledger.path("kind").asText()).isEqualTo("c2b_paybill");
    assertThat(
            new java.math.BigDecimal(customerBefore)
                .subtract(
                    new java.math.BigDecimal(
                        h.daraja()
                            .adminGet("customers/" + Requests.TEST_MSISDN)
                            .path("balance")
                            .asText())))
        .isEqualByComparingTo("500");
    JsonNode invoice = h.daraja().adminGet("billmanager/" + BILLER + "/invoices/INV-1");
    assertThat(invoice.path("status").asText()).isEqualTo("part_paid");
    assertThat(invoice.path("paid").asText()).isEqualTo("500.00");
    assertRefusal(
        post(h, CANCEL, DarajaHttp.object().put("externalReference", "INV-1"), appKey),
        "409",
        "partially or fully paid invoices cannot be cancelled.");

    pay(h, "INV-1", 300);
    assertThat(
            h.daraja()
                .adminGet("billmanager/" + BILLER + "/invoices/INV-1")
                .path("status")
                .asText())
        .isEqualTo("paid");
    Reply again =
        h.daraja().admin("POST", "billmanager/" + BILLER + "/invoices/INV-1/pay", "{\"amount\":1}");
    assertThat(again.status()).isEqualTo(409);
    // The biller answered rescode 200 to the first push: it is not pushed again.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> payment(h, receipt).path("delivered").asBoolean());
    assertThat(payment(h, receipt).path("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void aC2bPaymentWithTheAccountReferencePaysTheOldestOpenInvoice() {
    String appKey = optIn(h);
    h.receiver().answer(PUSH_PATH, 200, ACCEPTED, Duration.ZERO);
    post(h, INVOICE, invoice("OLD", "ACC-9", 100), appKey);
    post(h, INVOICE, invoice("NEW", "ACC-9", 100), appKey);

    Reply paid =
        h.daraja()
            .admin(
                "POST",
                "c2b/payments",
                "{\"msisdn\":\""
                    + Requests.TEST_MSISDN
                    + "\",\"shortCode\":\""
                    + BILLER
                    + "\",\"amount\":100,\"billRefNumber\":\"acc-9\"}");
    assertThat(paid.status()).isEqualTo(201);

    awaitPush(paid.text("transId"));
    assertThat(
            h.daraja().adminGet("billmanager/" + BILLER + "/invoices/OLD").path("status").asText())
        .isEqualTo("paid");
    assertThat(
            h.daraja().adminGet("billmanager/" + BILLER + "/invoices/NEW").path("status").asText())
        .isEqualTo("unpaid");
  }

  @Test
  void thePushIsRetriedOnTheEmulatorsClockUntilTheBillerAnswersRescode200() {
    String appKey = optIn(h);
    post(h, INVOICE, invoice("INV-2", "ACC-2", 50), appKey);
    // The receiver's default answer is a C2B acknowledgement, not Bill Manager's rescode 200.
    String receipt = pay(h, "INV-2", 50);
    awaitRetryAfter(receipt, 1);
    // Nothing more until the emulator's clock reaches the retry.
    assertThat(pushesOf(receipt)).hasSize(1);

    h.daraja().admin("POST", "clock", "{\"by\":\"1h\"}");
    awaitRetryAfter(receipt, 2);
    h.receiver().answer(PUSH_PATH, 200, ACCEPTED, Duration.ZERO);
    h.daraja().admin("POST", "clock", "{\"by\":\"1h\"}");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> payment(h, receipt).path("delivered").asBoolean());

    h.daraja().admin("POST", "clock", "{\"by\":\"5h\"}");
    assertThat(payment(h, receipt).path("attempts").asInt()).isEqualTo(3);
    assertThat(pushesOf(receipt))
        .hasSize(3)
        .allSatisfy(body -> assertThat(body).isEqualTo(payment(h, receipt).path("push")));
  }

  @Test
  void aBillerThatNeverAnswersGetsFivePushesAndNoMore() {
    String appKey = optIn(h);
    post(h, INVOICE, invoice("INV-3", "ACC-3", 50), appKey);
    h.receiver().answer(PUSH_PATH, 500, "oops", Duration.ZERO);
    String receipt = pay(h, "INV-3", 50);
    for (int attempt = 1; attempt < 5; attempt++) {
      awaitRetryAfter(receipt, attempt);
      h.daraja().admin("POST", "clock", "{\"by\":\"1h\"}");
    }
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> payment(h, receipt).path("gaveUp").asBoolean());
    h.daraja().admin("POST", "clock", "{\"by\":\"5h\"}");
    JsonNode gaveUp = payment(h, receipt);
    assertThat(gaveUp.path("gaveUp").asBoolean()).isTrue();
    assertThat(gaveUp.path("delivered").asBoolean()).isFalse();
    assertThat(gaveUp.path("lastOutcome").asText()).isEqualTo("HTTP 500");
    assertThat(pushesOf(receipt)).hasSize(5);
  }

  @Test
  void eachAcknowledgementIsCountedWithItsEReceipt() {
    String appKey = optIn(h);
    h.receiver().answer(PUSH_PATH, 200, ACCEPTED, Duration.ZERO);
    post(h, INVOICE, invoice("INV-4", "ACC-4", 800), appKey);
    String receipt = pay(h, "INV-4", 800);
    ObjectNode ack =
        DarajaHttp.object()
            .put("paymentDate", "2021-10-01")
            .put("paidAmount", "800")
            .put("accountReference", "ACC-4")
            .put("transactionId", receipt)
            .put("phoneNumber", "0708374149")
            .put("fullName", "John Doe")
            .put("invoiceName", "Jentrys")
            .put("externalReference", "INV-4");

    Reply first = post(h, RECONCILIATION, ack, appKey);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().toString()).isEqualTo(ACCEPTED);
    assertThat(payment(h, receipt).path("acknowledgements").asInt()).isEqualTo(1);
    assertThat(payment(h, receipt).path("eReceiptsSent").asInt()).isEqualTo(1);
    post(h, RECONCILIATION, ack, appKey);
    assertThat(payment(h, receipt).path("eReceiptsSent").asInt()).isEqualTo(2);

    assertRefusal(
        post(h, RECONCILIATION, ack.deepCopy().put("transactionId", "SKE0000000"), appKey),
        "409",
        "no Bill Manager payment SKE0000000");
    assertRefusal(
        post(h, RECONCILIATION, ack.deepCopy().put("paidAmount", "799"), appKey),
        "409",
        "paidAmount 799.00");
    assertRefusal(
        post(h, RECONCILIATION, ack.deepCopy().put("phoneNumber", "+2547"), appKey),
        "409",
        "Incorrect phone number format");
    assertThat(payment(h, receipt).path("acknowledgements").asInt()).isEqualTo(2);
  }

  @Test
  void cancellingLeavesPaidInvoicesAloneAndIsAllOrNothingInBulk() {
    String appKey = optIn(h);
    h.receiver().answer(PUSH_PATH, 200, ACCEPTED, Duration.ZERO);
    for (String reference : new String[] {"X", "Y", "Z"}) {
      post(h, INVOICE, invoice(reference, "ACC-" + reference, 100), appKey);
    }
    Reply cancelled = post(h, CANCEL, DarajaHttp.object().put("externalReference", "X"), appKey);
    assertThat(cancelled.json().toString())
        .isEqualTo(
            "{\"Status_Message\":\"Invoice cancelled successfuly.\",\"resmsg\":\"Success\","
                + "\"rescode\":\"200\",\"errors\":[]}");
    assertThat(
            post(h, CANCEL, DarajaHttp.object().put("externalReference", "X"), appKey)
                .text("rescode"))
        .isEqualTo("200");
    assertRefusal(
        post(h, CANCEL, DarajaHttp.object().put("externalReference", "nope"), appKey),
        "409",
        "no invoice with the externalReference nope");

    pay(h, "Z", 100);
    ArrayNode both = DarajaHttp.JSON.createArrayNode();
    both.addObject().put("externalReference", "Y");
    both.addObject().put("externalReference", "Z");
    Reply refused = post(h, CANCEL_BULK, both, appKey);
    assertRefusal(refused, "409", "partially or fully paid invoices cannot be cancelled.");
    assertThat(refused.json().path("errors").get(0).path("externalReference").asText())
        .isEqualTo("Z");
    assertThat(h.daraja().adminGet("billmanager/" + BILLER + "/invoices/Y").path("status").asText())
        .isEqualTo("unpaid");

    both.remove(1);
    assertThat(post(h, CANCEL_BULK, both, appKey).text("Status_Message"))
        .isEqualTo("Invoice cancelled successfuly.");
    assertThat(h.daraja().adminGet("billmanager/" + BILLER + "/invoices/Y").path("status").asText())
        .isEqualTo("cancelled");
    Reply payCancelled =
        h.daraja().admin("POST", "billmanager/" + BILLER + "/invoices/Y/pay", "{\"amount\":1}");
    assertThat(payCancelled.status()).isEqualTo(409);
  }

  @Test
  void anUpdateChangesWherePaymentsGoButNotTheShortCode() {
    String appKey = optIn(h);
    Reply updated =
        post(h, UPDATE, optInBody(BILLER, h.url("/bills-v2")).put("sendReminders", "0"), appKey);
    assertThat(updated.json().toString()).isEqualTo(ACCEPTED);
    assertThat(biller().path("callbackUrl").asText()).isEqualTo(h.url("/bills-v2"));
    assertThat(biller().path("sendReminders").asBoolean()).isFalse();
    assertRefusal(
        post(h, UPDATE, optInBody(Requests.STK_SHORTCODE, h.url("/x")), appKey),
        "409",
        "Invalid consumer key/short code");

    h.receiver().answer("/bills-v2", 200, ACCEPTED, Duration.ZERO);
    post(h, INVOICE, invoice("INV-5", "ACC-5", 10), appKey);
    String receipt = pay(h, "INV-5", 10);
    h.receiver().awaitOne("/bills-v2", body -> body.path("transactionId").asText().equals(receipt));
    assertThat(pushesOf(receipt)).isEmpty();
  }

  @Test
  void refusalsCanComeWithHttp200WhenSoConfigured() {
    optIn(h);
    h.daraja().admin("PATCH", "settings", "{\"billManager.refusalStatus\":\"ok\"}");
    Reply again = h.daraja().post(OPT_IN, optInBody(BILLER, h.url(PUSH_PATH)));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text("rescode")).isEqualTo("409");
  }
}
