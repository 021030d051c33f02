package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.BillManagerService;
import io.github.darajakit.client.billmanager.Invoice;
import io.github.darajakit.client.billmanager.OptInRequest;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.billmanager.BillManagerSettings;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bill Manager payments end to end: the emulator's Bill Manager pushes a paid invoice to the
 * gateway's secret path, the gateway stores it before answering {@code rescode 200}, records the
 * money as one C2B payment, and acknowledges it once — the emulator's count of acknowledgements
 * (and e-receipt SMSes) is the oracle. Pushes repeated and raced, forged and malformed, and an
 * acknowledgement Bill Manager fails to take are attacked too.
 */
class BillManagerTest {

  private static final String PUSH = "bill-manager/payment";
  private static final String PAYBILL = Sandbox.SHORTCODE_1;

  // The app key exists only once the test has opted in: the gateway is restarted with it.
  private String appKey;

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(
        UnaryOperator.identity(), gateway -> gateway.billManager(settings()), false);
  }

  private BillManagerSettings settings() {
    return new BillManagerSettings(PAYBILL, appKey, BillManagerSettings.DEFAULT_APP_KEY_HEADER);
  }

  /** Opts the PayBill in with the gateway's push URL, then restarts the gateway with the key. */
  @BeforeEach
  void optIn() {
    OptInRequest biller =
        OptInRequest.builder()
            .shortCode(PAYBILL)
            .email("billing@shop.example.com")
            .officialContact("0710123456")
            .callbackUrl(h.callbackUrl(PUSH))
            .build();
    appKey = h.daraja().billManager().optIn(biller).appKey();
    h.restartGateway();
    // The restarted gateway listens elsewhere: Bill Manager is told the new URL.
    bills()
        .updateOptIn(
            OptInRequest.builder()
                .shortCode(PAYBILL)
                .email("billing@shop.example.com")
                .officialContact("0710123456")
                .callbackUrl(h.callbackUrl(PUSH))
                .build());
  }

  private BillManagerService bills() {
    return h.daraja().billManager().withAppKey(appKey);
  }

  private void invoice(String reference, String account, long amount) {
    bills()
        .sendInvoice(
            Invoice.builder()
                .externalReference(reference)
                .billedFullName("John Doe")
                .billedPhoneNumber("0708374149")
                .billedPeriod(YearMonth.of(2026, 8))
                .invoiceName("School fees")
                .dueDate(LocalDate.of(2026, 9, 15))
                .accountReference(account)
                .amount(amount)
                .build());
  }

  /** A customer pays through the emulator; the receipt, once the push reached the gateway. */
  private String pay(String reference, long amount) {
    Reply paid =
        h.admin(
            "POST",
            "/billmanager/" + PAYBILL + "/invoices/" + reference + "/pay",
            "{\"amount\":" + amount + "}");
    assertThat(paid.status()).as("%s", paid.json()).isEqualTo(201);
    String receipt = paid.text("transId");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> emulatorPayment(receipt).path("delivered").asBoolean());
    return receipt;
  }

  /** The emulator's view of a payment: pushes, whether taken, acknowledgements, e-receipts. */
  private JsonNode emulatorPayment(String receipt) {
    return h.admin("GET", "/billmanager/payments/" + receipt, null).json();
  }

  private List<JsonNode> events(String type) {
    return h.merchant().all("/v1/events?type=" + type);
  }

  /**
   * The C2B payments of a receipt. The gateway's C2B URLs hear the same payment as a confirmation,
   * often before the push: either may record it, and the other finds it recorded.
   */
  private List<JsonNode> c2bPayments(String receipt) {
    return h.merchant().all("/v1/c2b-payments").stream()
        .filter(p -> p.path("trans_id").asText().equals(receipt))
        .toList();
  }

  /** An event's object. */
  private static JsonNode object(JsonNode event) {
    return event.path("data").path("object");
  }

  private List<JsonNode> callbacks(String outcome) {
    return h.merchant().all("/v1/callbacks").stream()
        .filter(c -> c.path("kind").asText().equals("bill_payment"))
        .filter(c -> outcome == null || c.path("outcome").asText().equals(outcome))
        .toList();
  }

  @Test
  void aPaidInvoiceIsStoredAnsweredRecordedOnceAndAcknowledgedOnce() {
    invoice("INV-1", "ADM-1", 800);

    String receipt = pay("INV-1", 500);

    // Bill Manager stopped pushing at the first answer: the gateway answered rescode 200.
    assertThat(emulatorPayment(receipt).path("attempts").asInt()).isEqualTo(1);
    assertThat(callbacks("applied")).hasSize(1);
    List<JsonNode> money = c2bPayments(receipt);
    assertThat(money).hasSize(1);
    assertThat(money.get(0).path("amount").asLong()).isEqualTo(500);
    assertThat(money.get(0).path("bill_ref_number").asText()).isEqualTo("ADM-1");
    assertThat(events("c2b_payment.received")).hasSize(1);
    assertThat(events("bill_payment.received")).hasSize(1);
    assertThat(emulatorPayment(receipt).path("acknowledgements").asInt()).isZero();

    h.gateway().reconcileNow();
    h.clock().advance(Duration.ofHours(1));
    h.gateway().reconcileNow();

    JsonNode billed = emulatorPayment(receipt);
    assertThat(billed.path("acknowledgements").asInt()).isEqualTo(1);
    assertThat(billed.path("eReceiptsSent").asInt()).isEqualTo(1);
    List<JsonNode> acknowledged = events("bill_payment.acknowledged");
    assertThat(acknowledged).hasSize(1);
    assertThat(object(acknowledged.get(0)).path("acknowledgement").asText())
        .isEqualTo("acknowledged");
    assertThat(object(acknowledged.get(0)).path("c2b_payment_id").asText())
        .isEqualTo(money.get(0).path("id").asText());
  }

  @Test
  void aPushRepeatedAndRacedIsOnePaymentAndOneAcknowledgementFromTwoInstances() throws Exception {
    invoice("INV-2", "ADM-2", 300);
    String receipt = pay("INV-2", 300);
    String push = emulatorPayment(receipt).path("push").toString();

    // Bill Manager tries up to five times; a retry may overlap the first delivery.
    for (int i = 0; i < 5; i++) {
      Reply again = h.merchant().postRaw(h.callbackUrl(PUSH), push);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().toString()).isEqualTo("{\"resmsg\":\"Success\",\"rescode\":\"200\"}");
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> racing = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        racing.add(() -> h.merchant().postRaw(h.callbackUrl(PUSH), push).status());
      }
      for (Future<Integer> status : pool.invokeAll(racing)) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(c2bPayments(receipt)).hasSize(1);
    assertThat(events("c2b_payment.received")).hasSize(1);
    assertThat(events("bill_payment.received")).hasSize(1);
    assertThat(callbacks("applied")).hasSize(1);
    assertThat(callbacks("duplicate")).hasSize(13);

    // Two instances on one database reach for the same acknowledgement at once.
    try (DarajaGateway second = h.newGateway(g -> g.billManager(settings()))) {
      ExecutorService both = Executors.newFixedThreadPool(2);
      try {
        both.invokeAll(List.of(() -> h.gateway().reconcileNow(), () -> second.reconcileNow()));
      } finally {
        both.shutdownNow();
      }
      h.clock().advance(Duration.ofHours(1));
      second.reconcileNow();
      h.gateway().reconcileNow();
    }
    assertThat(emulatorPayment(receipt).path("acknowledgements").asInt()).isEqualTo(1);
    assertThat(events("bill_payment.acknowledged")).hasSize(1);
    assertThat(object(events("bill_payment.acknowledged").get(0)).path("pushes").asInt())
        .isEqualTo(14);
  }

  @Test
  void aForgedPushIsKeptButBillManagerRefusesItsAcknowledgementAndAPersonIsAsked() {
    String forged =
        "{\"transactionId\":\"RJB53MYR1N\",\"paidAmount\":\"5000\",\"msisdn\":\"254722000000\","
            + "\"dateCreated\":\"2026-10-01\",\"accountReference\":\"BC001\",\"shortCode\":\""
            + PAYBILL
            + "\"}";
    Reply answer = h.merchant().postRaw(h.callbackUrl(PUSH), forged);
    assertThat(answer.status()).isEqualTo(200);

    h.gateway().reconcileNow();

    // The emulator's ledger has no such payment: Bill Manager answers 409, and nothing is retried.
    assertThat(h.admin("GET", "/billmanager/payments/RJB53MYR1N", null).status()).isEqualTo(404);
    List<JsonNode> flagged = events("bill_payment.needs_attention");
    assertThat(flagged).hasSize(1);
    assertThat(object(flagged.get(0)).path("acknowledgement").asText()).isEqualTo("failed");
    assertThat(object(flagged.get(0)).path("needs_attention").asText())
        .contains("Bill Manager refused it")
        .contains("no Bill Manager payment RJB53MYR1N");
    long acknowledgementsAsked = reconciliationCalls();
    h.clock().advance(Duration.ofDays(1));
    h.gateway().reconcileNow();
    assertThat(reconciliationCalls()).isEqualTo(acknowledgementsAsked);
    assertThat(events("bill_payment.acknowledged")).isEmpty();
  }

  @Test
  void aPushMpesaDoesNotStandBehindIsDisputedByTransactionStatus() {
    try (DarajaGateway checking =
        h.newGateway(g -> g.billManager(settings()).checkReceipts(true))) {
      String forged =
          "{\"transactionId\":\"RJB53MYR2N\",\"paidAmount\":\"700\","
              + "\"msisdn\":\"254722000000\",\"dateCreated\":\"2026-10-01\","
              + "\"accountReference\":\"BC002\",\"shortCode\":\""
              + PAYBILL
              + "\"}";
      String url = checking.baseUrl() + "/daraja/" + GatewayHarness.CALLBACK_SECRET + "/" + PUSH;
      assertThat(h.merchant().postRaw(url, forged).status()).isEqualTo(200);

      // Transaction Status is asked on the reconciler's schedule and never finds the receipt.
      for (int round = 0; round < 8; round++) {
        h.clock().advance(Duration.ofHours(2));
        checking.reconcileNow();
        long asked = transactionStatusQueries();
        await().atMost(Duration.ofSeconds(10)).until(() -> lookupAnswers() >= asked);
      }
    }
    // Newest first: the refused acknowledgement flagged it, then Transaction Status's silence.
    List<JsonNode> flagged = events("bill_payment.needs_attention");
    assertThat(flagged).hasSize(2);
    assertThat(object(flagged.get(0)).path("needs_attention").asText())
        .contains("Bill Manager refused it")
        .contains("Transaction Status never confirmed receipt RJB53MYR2N");
  }

  private long transactionStatusQueries() {
    return h.emulatorCalls("transaction_status");
  }

  private long lookupAnswers() {
    return h.merchant().all("/v1/callbacks").stream()
        .filter(c -> c.path("kind").asText().equals("lookup_result"))
        .count();
  }

  @Test
  void aMalformedOrForeignPushIsStoredAndAnsweredWithoutA5xxAndChangesNothing() {
    for (String body :
        List.of(
            "not json",
            "{}",
            "[1,2]",
            "{\"transactionId\":\"RJB53MYR1N\",\"paidAmount\":\"lots\","
                + "\"accountReference\":\"A\",\"shortCode\":\""
                + PAYBILL
                + "\"}",
            "{\"transactionId\":\"not-a-receipt\",\"paidAmount\":\"10\","
                + "\"accountReference\":\"A\",\"shortCode\":\""
                + PAYBILL
                + "\"}",
            "{\"transactionId\":\"RJB53MYR1P\",\"paidAmount\":\"10.50\","
                + "\"accountReference\":\"A\",\"shortCode\":\""
                + PAYBILL
                + "\"}",
            "{\"transactionId\":\"RJB53MYR1Q\",\"paidAmount\":\"10\","
                + "\"accountReference\":\"A\",\"shortCode\":\"174379\"}")) {
      Reply answer = h.merchant().postRaw(h.callbackUrl(PUSH), body);
      assertThat(answer.status()).as(body).isLessThan(500);
    }
    assertThat(callbacks(null)).hasSize(7);
    assertThat(callbacks("unparseable")).hasSize(4);
    assertThat(callbacks("mismatch")).hasSize(3);
    assertThat(h.merchant().all("/v1/c2b-payments")).isEmpty();
    assertThat(events("bill_payment.received")).isEmpty();
    h.gateway().reconcileNow();
    assertThat(reconciliationCalls()).isZero();
  }

  @Test
  void anAcknowledgementBillManagerDoesNotTakeIsSentAgainLaterAndTakenOnce() {
    invoice("INV-3", "ADM-3", 100);
    String receipt = pay("INV-3", 100);
    // Every attempt the SDK makes now (one and its two retries) fails before Bill Manager.
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"billmanager_reconciliation\",\"mode\":\"reject\","
            + "\"count\":3}]}");

    h.gateway().reconcileNow();
    assertThat(emulatorPayment(receipt).path("acknowledgements").asInt()).isZero();
    assertThat(reconciliationCalls()).isEqualTo(3);
    h.gateway().reconcileNow();
    assertThat(reconciliationCalls()).as("not before its time").isEqualTo(3);

    h.clock().advance(Duration.ofHours(1));
    h.gateway().reconcileNow();
    h.clock().advance(Duration.ofHours(1));
    h.gateway().reconcileNow();

    assertThat(emulatorPayment(receipt).path("acknowledgements").asInt()).isEqualTo(1);
    assertThat(reconciliationCalls()).isEqualTo(4);
    assertThat(events("bill_payment.acknowledged")).hasSize(1);
    assertThat(object(events("bill_payment.acknowledged").get(0)).path("acknowledgement_attempts"))
        .as("one failed attempt before it")
        .hasToString("1");
  }

  private long reconciliationCalls() {
    return h.emulatorCalls("billmanager_reconciliation");
  }
}
