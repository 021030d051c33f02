package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** B2B payments to a PayBill or a till, end to end against the emulator, paid at most once. */
class B2bPaymentTest {

  /** A PayBill of the emulator's sandbox world that accepts B2B payments. */
  static final String PAYBILL = "600978";

  /** What SFC_IC0003, "Receiver party is invalid", means for a B2B payment, whatever its type. */
  static final String NO_SUCH_RECEIVER =
      "No business has this receiver number as the type sent: check the PayBill or till number,"
          + " and that a PayBill is sent as a PayBill and a till as a till.";

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite, reconcilers run by the test; {@link OnPostgresqlTest} runs it on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  private static String toPaybill(String paybill, long amount, String account) {
    return """
        {"receiver_type":"paybill","receiver":"%s","account_reference":"%s","amount":%d,
         "remarks":"Supplier invoice 2291","requester":"0708374149","metadata":{"invoice":"2291"}}"""
        .formatted(paybill, account, amount);
  }

  private Reply awaitSettled(String id) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/b2b-payments/" + id),
            r -> !r.text("status").equals("pending"));
  }

  private long working(String shortCode) {
    return account(shortCode, "Working Account");
  }

  private long utility(String shortCode) {
    return account(shortCode, "Utility Account");
  }

  /** An emulator account's balance in whole KES. */
  private long account(String shortCode, String alias) {
    JsonNode org = h.admin("GET", "/organisations/" + shortCode, null).json();
    return new java.math.BigDecimal(org.path("accounts").path(alias).asText())
        .stripTrailingZeros()
        .longValueExact();
  }

  private int b2bRequests() {
    return h.admin("GET", "/counters", null).json().path("endpoints").path("b2b").asInt();
  }

  @Test
  void aPaybillIsPaidWithTheAccountNumberAndTheReceiptIsRecorded() {
    long before = utility(PAYBILL);
    Reply created = h.merchant().post("/v1/b2b-payments", toPaybill(PAYBILL, 12_500, "ACC-2291"));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    assertThat(created.text("id")).startsWith("b2b_");
    assertThat(created.text("object")).isEqualTo("b2b_payment");
    assertThat(created.text("conversation_id")).isNotBlank();

    Reply paid = awaitSettled(created.text("id"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("mpesa_receipt")).matches("[A-Z0-9]{10}");
    assertThat(paid.text("receiver")).isEqualTo(PAYBILL);
    assertThat(paid.text("account_reference")).isEqualTo("ACC-2291");
    assertThat(paid.text("requester")).isEqualTo("254708374149");
    assertThat(paid.text("receiver_name")).isNotBlank().doesNotContain(PAYBILL);
    assertThat(paid.json().path("metadata").path("invoice").asText()).isEqualTo("2291");
    assertThat(utility(PAYBILL) - before).isEqualTo(12_500);

    assertThat(h.merchant().get("/v1/events?object_id=" + created.text("id")).json().path("data"))
        .extracting(e -> e.path("type").asText())
        .containsExactly("b2b_payment.succeeded", "b2b_payment.submitted", "b2b_payment.created");
    // Not a payout: the payouts list does not show it, nor does /v1/payouts/{id}.
    assertThat(h.merchant().get("/v1/payouts").json().path("data")).isEmpty();
    assertThat(h.merchant().get("/v1/payouts/" + created.text("id")).status()).isEqualTo(404);
    assertThat(h.merchant().get("/v1/b2b-payments?receiver=" + PAYBILL).json().path("data"))
        .hasSize(1);
  }

  @Test
  void aTillIsPaidWithBuyGoods() {
    Reply created =
        h.merchant()
            .post(
                "/v1/b2b-payments",
                """
                {"receiver_type":"till","receiver":"%s","amount":300,"remarks":"Stock"}"""
                    .formatted(Sandbox.BUY_GOODS_TILL));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    Reply paid = awaitSettled(created.text("id"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("receiver_type")).isEqualTo("till");
  }

  @Test
  void failuresCarryTheResultCodeAndAReason() {
    // A till is not a PayBill: the receiver is invalid.
    String wrongReceiver =
        h.merchant()
            .post("/v1/b2b-payments", toPaybill(Sandbox.BUY_GOODS_TILL, 100, "ACC-1"))
            .text("id");
    h.admin(
        "PUT",
        "/organisations/" + Sandbox.SHORTCODE_2 + "/accounts/working",
        "{\"balance\":\"50.00\"}");
    String broke =
        h.merchant().post("/v1/b2b-payments", toPaybill(PAYBILL, 100, "ACC-1")).text("id");

    Reply first = awaitSettled(wrongReceiver);
    assertThat(first.text("status")).isEqualTo("failed");
    assertThat(first.text("result_code")).isEqualTo("SFC_IC0003");
    assertThat(first.text("failure_reason")).isEqualTo(NO_SUCH_RECEIVER);
    Reply second = awaitSettled(broke);
    assertThat(second.text("status")).isEqualTo("failed");
    assertThat(second.text("result_code")).isEqualTo("1");
    assertThat(working(Sandbox.SHORTCODE_2)).isEqualTo(50);
  }

  @Test
  void aPaybillNoBusinessHasFailsSayingSoWithoutBlamingTills() {
    long workingBefore = working(Sandbox.SHORTCODE_2);
    String id =
        h.merchant().post("/v1/b2b-payments", toPaybill("888880", 12500, "ACC-2291")).text("id");

    Reply failed = awaitSettled(id);
    assertThat(failed.text("status")).isEqualTo("failed");
    assertThat(failed.text("result_code")).isEqualTo("SFC_IC0003");
    assertThat(failed.text("failure_reason")).isEqualTo(NO_SUCH_RECEIVER);
    assertThat(working(Sandbox.SHORTCODE_2)).isEqualTo(workingBefore);
  }

  @Test
  void aLostAnswerIsUnknownNeverSentAgainAndSettledByItsResult() {
    long before = utility(PAYBILL);
    h.dropNextAnswer("b2b");
    Reply created =
        h.merchant().post("/v1/b2b-payments", toPaybill(PAYBILL, 777, "ACC-7"), "b2b-lost-1");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("unknown");
    Reply retried =
        h.merchant().post("/v1/b2b-payments", toPaybill(PAYBILL, 777, "ACC-7"), "b2b-lost-1");
    assertThat(retried.text("id")).isEqualTo(created.text("id"));

    // Daraja's ids for it were never learnt: its Result is matched by receiver and amount. The
    // payout is already unknown, so wait for the Result itself, which may come after this read.
    Reply settled =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> h.merchant().get("/v1/b2b-payments/" + created.text("id")),
                r -> !r.text("status").equals("pending") && !r.text("status").equals("unknown"));
    assertThat(settled.text("status")).isEqualTo("succeeded");
    assertThat(settled.text("conversation_id")).isNotBlank();
    assertThat(utility(PAYBILL) - before).isEqualTo(777);
    assertThat(b2bRequests()).isEqualTo(1);
    // Nor may it be resubmitted: it was paid, and unknown is never proof of anything.
    assertThat(
            h.merchant()
                .post("/v1/b2b-payments/" + created.text("id") + "/resubmit", "{}")
                .status())
        .isEqualTo(409);
  }

  @Test
  void anUnacknowledgedPaymentWhoseResultNeverComesGoesToAPersonAndIsNeverSentAgain() {
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"b2b\",\"mode\":\"accept_then_drop\",\"count\":1}],"
            + "\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"result\"]}}");
    String id = h.merchant().post("/v1/b2b-payments", toPaybill(PAYBILL, 640, "ACC-9")).text("id");
    for (int look = 0; look < 10; look++) {
      h.clock().advance(Duration.ofHours(2));
      h.gateway().reconcileNow();
    }
    Reply flagged = h.merchant().get("/v1/b2b-payments/" + id);
    assertThat(flagged.text("status")).isEqualTo("unknown");
    assertThat(flagged.text("needs_attention"))
        .contains("never be sent again")
        .contains("KES 640")
        .contains(PAYBILL);
    assertThat(b2bRequests()).isEqualTo(1);
    assertThat(h.merchant().get("/v1/events?type=b2b_payment.needs_attention").json().path("data"))
        .hasSize(1);
  }

  @Test
  void anAcknowledgedPaymentWhoseResultIsLostIsSettledByTransactionStatus() {
    h.admin("PUT", "/faults", "{\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"result\"]}}");
    Reply created = h.merchant().post("/v1/b2b-payments", toPaybill(PAYBILL, 910, "ACC-3"));
    assertThat(created.text("status")).isEqualTo("pending");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.admin("GET", "/deliveries?kind=result", null).json().path("deliveries").size()
                    == 1);
    h.admin("PUT", "/faults", "{}"); // the Transaction Status Result gets through
    h.clock().advance(Duration.ofMinutes(3));
    h.gateway().reconcileNow();
    Reply settled = awaitSettled(created.text("id"));
    assertThat(settled.text("status")).isEqualTo("succeeded");
    assertThat(settled.text("mpesa_receipt")).matches("[A-Z0-9]{10}");
    assertThat(b2bRequests()).isEqualTo(1);
  }

  @Test
  void aFailedPaymentCanBeResubmittedAsTheSameRecordUnderANewOriginatorConversationId() {
    h.admin(
        "PUT",
        "/organisations/" + Sandbox.SHORTCODE_2 + "/accounts/working",
        "{\"balance\":\"10.00\"}");
    String id = h.merchant().post("/v1/b2b-payments", toPaybill(PAYBILL, 500, "ACC-5")).text("id");
    Reply failed = awaitSettled(id);
    assertThat(failed.text("status")).isEqualTo("failed");

    h.admin(
        "PUT",
        "/organisations/" + Sandbox.SHORTCODE_2 + "/accounts/working",
        "{\"balance\":\"1000.00\"}");
    Reply again = h.merchant().post("/v1/b2b-payments/" + id + "/resubmit", "{}");
    assertThat(again.status()).as(again.json().toString()).isEqualTo(200);
    assertThat(again.text("id")).isEqualTo(id);
    assertThat(again.json().path("resubmissions").asInt()).isEqualTo(1);
    assertThat(again.text("originator_conversation_id"))
        .isNotEqualTo(failed.text("originator_conversation_id"));
    Reply paid = awaitSettled(id);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("result_code")).isEqualTo("0");
    assertThat(working(Sandbox.SHORTCODE_2)).isEqualTo(500);
    assertThat(h.merchant().get("/v1/events?object_id=" + id).json().path("data"))
        .extracting(e -> e.path("type").asText())
        .containsExactly(
            "b2b_payment.succeeded",
            "b2b_payment.submitted",
            "b2b_payment.created",
            "b2b_payment.failed",
            "b2b_payment.submitted",
            "b2b_payment.created");
    // Paid: it may not be sent again.
    assertThat(h.merchant().post("/v1/b2b-payments/" + id + "/resubmit", "{}").status())
        .isEqualTo(409);
  }

  @Test
  void badInputNamesTheFieldAndSendsNothing() {
    assertThat(param(h.merchant().post("/v1/b2b-payments", toPaybill(PAYBILL, 0, "A"))))
        .isEqualTo("amount");
    assertThat(
            param(
                h.merchant()
                    .post(
                        "/v1/b2b-payments",
                        "{\"receiver_type\":\"paybill\",\"receiver\":\"600978\",\"amount\":10,"
                            + "\"remarks\":\"x\"}")))
        .isEqualTo("account_reference");
    assertThat(
            param(
                h.merchant()
                    .post("/v1/b2b-payments", toPaybill(PAYBILL, 10, "ACCOUNT-TOO-LONG-1"))))
        .isEqualTo("account_reference");
    assertThat(param(h.merchant().post("/v1/b2b-payments", toPaybill("12", 10, "A"))))
        .isEqualTo("receiver");
    assertThat(
            param(
                h.merchant()
                    .post(
                        "/v1/b2b-payments",
                        "{\"receiver_type\":\"bank\",\"receiver\":\"600978\",\"amount\":10,"
                            + "\"remarks\":\"x\"}")))
        .isEqualTo("receiver_type");
    assertThat(
            param(
                h.merchant()
                    .post(
                        "/v1/b2b-payments",
                        "{\"receiver_type\":\"till\",\"receiver\":\"600501\",\"amount\":10,"
                            + "\"account_reference\":\"A\",\"remarks\":\"x\"}")))
        .isEqualTo("account_reference");
    assertThat(h.merchant().get("/v1/b2b-payments").json().path("data")).isEmpty();
    assertThat(b2bRequests()).isZero();
  }

  private static String param(Reply reply) {
    assertThat(reply.status()).as(reply.json().toString()).isEqualTo(400);
    return reply.json().path("error").path("param").asText();
  }
}
