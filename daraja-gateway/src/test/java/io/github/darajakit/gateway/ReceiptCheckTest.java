package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.StkScenariosTest.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code reconciler.checkReceipts}: a receipt credited on a callback's word is asked about with
 * Transaction Status, and a credit M-Pesa does not stand behind is put before a person — the one
 * forgery nothing in a callback can reveal (a real receipt of another transaction, with the right
 * ids, amount and phone, arriving before that transaction's own evidence).
 */
class ReceiptCheckTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(
        UnaryOperator.identity(), gateway -> gateway.checkReceipts(true), false);
  }

  private long pendingChecks() {
    String metrics = h.merchant().send("GET", "/metrics", null, null, null).json().asText();
    return metrics
        .lines()
        .filter(l -> l.startsWith("daraja_gateway_receipt_checks_pending "))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Runs the reconcilers after every step of the schedule, waiting for each answer. */
  private void askUntilSettled() {
    for (int round = 0; round < 8 && pendingChecks() > 0; round++) {
      h.clock().advance(Duration.ofHours(2));
      h.gateway().reconcileNow();
      long asked = transactionStatusQueries();
      // Each question's answer comes back as a callback.
      await().atMost(Duration.ofSeconds(10)).until(() -> answersReceived() >= asked);
    }
  }

  /** Transaction Status answers received: the receipt checks', and the payout reconciler's. */
  private long answersReceived() {
    long answers = 0;
    for (var callback : h.merchant().all("/v1/callbacks")) {
      String kind = callback.path("kind").asText();
      if (kind.equals("lookup_result") || kind.equals("b2c_status")) {
        answers++;
      }
    }
    return answers;
  }

  private long transactionStatusQueries() {
    return h.emulatorCalls("transaction_status");
  }

  /**
   * The receipt of a real payout whose Result never reaches the gateway: a receipt known to nobody
   * here, for a forger to use.
   */
  private String unknownPayoutReceipt(String phone, long amount) {
    h.admin("PUT", "/faults", "{\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"result\"]}}");
    h.merchant()
        .post(
            "/v1/payouts",
            "{\"phone\":\""
                + phone
                + "\",\"amount\":"
                + amount
                + ",\"type\":\"business\",\"remarks\":\"Seller payout\"}");
    String receipt =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    h.admin("GET", "/transactions?party=" + phone, null)
                        .json()
                        .path("transactions"),
                t -> t.size() == 1)
            .get(0)
            .path("receipt")
            .asText();
    h.admin("PUT", "/faults", "{}");
    return receipt;
  }

  @Test
  void aReceiptMpesaConfirmsLeavesThePaymentAlone() {
    String id = h.merchant().createPayment("254708374149", 90);
    Reply paid = h.merchant().awaitSettled(id);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(pendingChecks()).isEqualTo(1);

    askUntilSettled();
    assertThat(pendingChecks()).isZero();
    assertThat(h.merchant().get("/v1/payments/" + id).json().path("needs_attention").isNull())
        .isTrue();
    assertThat(transactionStatusQueries()).as("confirmed at the first question").isEqualTo(1);
  }

  @Test
  void aForgedSuccessCarryingAnotherTransactionsReceiptIsPutBeforeAPerson() {
    String receipt = unknownPayoutReceipt("254711100900", 90);

    // Someone holding the callback secret credits a pending payment with it.
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
    Reply pending = h.merchant().post("/v1/payments", payment("254711100901", 90));
    h.merchant()
        .postRaw(
            h.callbackUrl("stk"),
            Callbacks.stkSuccess(
                pending.text("merchant_request_id"),
                pending.text("checkout_request_id"),
                90,
                "254711100901",
                receipt));
    assertThat(h.merchant().get("/v1/payments/" + pending.text("id")).text("status"))
        .as("nothing in the callback gives it away")
        .isEqualTo("succeeded");

    askUntilSettled();
    Reply flagged = h.merchant().get("/v1/payments/" + pending.text("id"));
    assertThat(flagged.text("needs_attention"))
        .contains("Transaction Status never confirmed receipt " + receipt)
        .contains("forged");
    assertThat(pendingChecks()).isZero();
    assertThat(h.merchant().get("/v1/events?type=payment.needs_attention").json().path("data"))
        .hasSize(1);
  }

  @Test
  void aB2bCollectionsReceiptMpesaConfirmsLeavesItAlone() {
    String id =
        h.merchant()
            .post("/v1/b2b-collections", B2bCollectionTest.collection(h, 350, "INV-35"))
            .text("id");
    assertThat(B2bCollectionTest.awaitFinal(h, id).text("status")).isEqualTo("succeeded");
    assertThat(pendingChecks()).isEqualTo(1);

    askUntilSettled();
    assertThat(pendingChecks()).isZero();
    assertThat(
            h.merchant().get("/v1/b2b-collections/" + id).json().path("needs_attention").isNull())
        .as("M-Pesa says the till paid this amount")
        .isTrue();
  }

  @Test
  void aForgedB2bCollectionSuccessCarryingAnotherTransactionsReceiptIsPutBeforeAPerson() {
    String receipt = unknownPayoutReceipt("254711100902", 350);

    // Someone holding the callback secret says the till paid with it.
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
    Reply pending =
        h.merchant().post("/v1/b2b-collections", B2bCollectionTest.collection(h, 350, "INV-36"));
    h.merchant()
        .postRaw(
            h.callbackUrl("b2b-collections/callback/" + pending.text("id")),
            Callbacks.b2bExpressSuccess(pending.text("request_ref_id"), "350.0", receipt));
    assertThat(h.merchant().get("/v1/b2b-collections/" + pending.text("id")).text("status"))
        .as("nothing in the callback gives it away")
        .isEqualTo("succeeded");

    askUntilSettled();
    Reply flagged = h.merchant().get("/v1/b2b-collections/" + pending.text("id"));
    // M-Pesa never confirms the till paid with it (and the payout's own reconciler, learning the
    // receipt is the payout's, disputes it too).
    assertThat(flagged.text("needs_attention"))
        .contains("never confirmed receipt " + receipt + " as b2b collection")
        .contains("forged");
    assertThat(pendingChecks()).isZero();
    assertThat(
            h.merchant().get("/v1/events?type=b2b_collection.needs_attention").json().path("data"))
        .hasSize(1);
  }
}
