package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reversals of an STK payment and of a C2B payment, end to end against the emulator: recorded
 * against the original, reflected in its status, sent at most once.
 */
class ReversalTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), true);
  }

  /** A succeeded STK payment's receipt (and id). */
  private Reply paidPayment(long amount) {
    String id =
        h.merchant()
            .post(
                "/v1/payments",
                "{\"phone\":\"0708374149\",\"amount\":"
                    + amount
                    + ",\"reference\":\"INV-9\",\"description\":\"Invoice 9\"}")
            .text("id");
    Reply paid = h.merchant().awaitSettled(id);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    return paid;
  }

  private static String reversal(String receipt) {
    return "{\"receipt\":\"" + receipt + "\",\"remarks\":\"Duplicate payment\"}";
  }

  private Reply awaitSettled(String id) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/reversals/" + id),
            r -> !r.text("status").equals("pending"));
  }

  /** Waits for evidence to settle a reversal whose outcome is unknown (or pending). */
  private Reply awaitFinal(String id) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/reversals/" + id),
            r -> r.text("status").equals("succeeded") || r.text("status").equals("failed"));
  }

  private JsonNode ledgerEntry(String receipt) {
    return h.admin("GET", "/transactions/" + receipt, null).json();
  }

  private int reversalRequests() {
    return h.admin("GET", "/counters", null).json().path("endpoints").path("reversal").asInt();
  }

  @Test
  void anStkPaymentIsReversedAndShowsReversed() {
    Reply paid = paidPayment(150);
    String receipt = paid.text("mpesa_receipt");

    Reply created = h.merchant().post("/v1/reversals", reversal(receipt));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    assertThat(created.text("id")).startsWith("rev_");
    assertThat(created.json().path("original").path("object").asText()).isEqualTo("payment");
    assertThat(created.json().path("original").path("id").asText()).isEqualTo(paid.text("id"));
    assertThat(created.json().path("amount").asLong()).isEqualTo(150);

    Reply done = awaitSettled(created.text("id"));
    assertThat(done.text("status")).isEqualTo("succeeded");
    assertThat(done.text("reversal_receipt")).matches("[A-Z0-9]{10}").isNotEqualTo(receipt);
    assertThat(h.merchant().get("/v1/payments/" + paid.text("id")).text("status"))
        .isEqualTo("reversed");
    assertThat(ledgerEntry(receipt).path("status").asText()).isEqualTo("reversed");
    assertThat(ledgerEntry(receipt).path("reversedBy").asText())
        .isEqualTo(done.text("reversal_receipt"));
    assertThat(h.merchant().get("/v1/events?object_id=" + paid.text("id")).json().path("data"))
        .extracting(e -> e.path("type").asText())
        .first()
        .isEqualTo("payment.reversed");
    assertThat(h.merchant().get("/v1/events?object_id=" + created.text("id")).json().path("data"))
        .extracting(e -> e.path("type").asText())
        .containsExactly("reversal.succeeded", "reversal.submitted", "reversal.created");
    assertThat(h.merchant().get("/v1/reversals?receipt=" + receipt).json().path("data")).hasSize(1);

    // Reversed once: a second request is refused before anything is sent.
    Reply again = h.merchant().post("/v1/reversals", reversal(receipt));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("error").path("code").asText()).isEqualTo("already_reversed");
    assertThat(reversalRequests()).isEqualTo(1);
  }

  @Test
  void aC2bPaymentIsReversedAndShowsTheReversal() {
    String receipt = C2bTest.pay(h, "254708374149", 420, "ACC-4").text("transId");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> C2bTest.received(h).size() == 1);

    Reply created = h.merchant().post("/v1/reversals", reversal(receipt));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    assertThat(created.json().path("original").path("object").asText()).isEqualTo("c2b_payment");
    Reply done = awaitSettled(created.text("id"));
    assertThat(done.text("status")).isEqualTo("succeeded");

    JsonNode c2b = C2bTest.received(h).get(0);
    assertThat(c2b.path("status").asText()).isEqualTo("reversed");
    assertThat(c2b.path("reversal_id").asText()).isEqualTo(created.text("id"));
    assertThat(h.merchant().get("/v1/events?type=c2b_payment.reversed").json().path("data"))
        .hasSize(1);
    assertThat(ledgerEntry(receipt).path("reversedBy").asText())
        .isEqualTo(done.text("reversal_receipt"));
  }

  @Test
  void aReversalUnderWayBlocksASecondAndAFailedOneDoesNot() {
    Reply paid = paidPayment(90);
    String receipt = paid.text("mpesa_receipt");
    // The paybill has spent what it was paid: M-Pesa refuses the reversal in its Result.
    h.admin(
        "PUT",
        "/organisations/" + paid.text("short_code") + "/accounts/utility",
        "{\"balance\":0}");
    String first = h.merchant().post("/v1/reversals", reversal(receipt)).text("id");
    Reply failed = awaitSettled(first);
    assertThat(failed.text("status")).isEqualTo("failed");
    assertThat(failed.text("result_code")).isEqualTo("1");
    assertThat(failed.text("failure_reason")).isNotBlank();
    assertThat(h.merchant().get("/v1/payments/" + paid.text("id")).text("status"))
        .isEqualTo("succeeded");

    h.admin(
        "PUT",
        "/organisations/" + paid.text("short_code") + "/accounts/utility",
        "{\"balance\":1000}");
    // Hold the next Result back so the second reversal stays under way.
    h.admin("PUT", "/faults", "{\"callbacks\":{\"extraDelay\":\"2s\",\"kinds\":[\"result\"]}}");
    Reply second = h.merchant().post("/v1/reversals", reversal(receipt));
    assertThat(second.status()).isEqualTo(201);
    Reply third = h.merchant().post("/v1/reversals", reversal(receipt));
    assertThat(third.status()).isEqualTo(409);
    assertThat(third.json().path("error").path("code").asText()).isEqualTo("reversal_exists");
    assertThat(awaitSettled(second.text("id")).text("status")).isEqualTo("succeeded");
    assertThat(reversalRequests()).isEqualTo(2);
  }

  @Test
  void aLostAnswerIsUnknownNeverSentAgainAndSettledByTheResultNamingTheReceipt() {
    String receipt = paidPayment(75).text("mpesa_receipt");
    h.dropNextAnswer("reversal");
    Reply created = h.merchant().post("/v1/reversals", reversal(receipt), "reverse-once-1");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("unknown");
    Reply retried = h.merchant().post("/v1/reversals", reversal(receipt), "reverse-once-1");
    assertThat(retried.text("id")).isEqualTo(created.text("id"));

    Reply done = awaitFinal(created.text("id"));
    assertThat(done.text("status")).isEqualTo("succeeded");
    assertThat(done.text("originator_conversation_id")).isNotBlank();
    assertThat(reversalRequests()).isEqualTo(1);
  }

  @Test
  void aReversalWhoseAnswerAndResultAreLostIsSettledByTransactionStatus() {
    String receipt = paidPayment(60).text("mpesa_receipt");
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"reversal\",\"mode\":\"accept_then_drop\",\"count\":1}],"
            + "\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"result\"]}}");
    String id = h.merchant().post("/v1/reversals", reversal(receipt)).text("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.admin("GET", "/deliveries?kind=result", null).json().path("deliveries").size()
                    == 1);
    h.admin("PUT", "/faults", "{}");
    assertThat(h.merchant().get("/v1/reversals/" + id).text("status")).isEqualTo("unknown");

    h.clock().advance(Duration.ofMinutes(3));
    h.gateway().reconcileNow();
    // The answer to Transaction Status comes back as a callback, after reconcileNow returns.
    Reply done = awaitFinal(id);
    assertThat(done.text("status")).isEqualTo("succeeded");
    assertThat(done.text("result_desc")).contains("Transaction Status");
    assertThat(reversalRequests()).isEqualTo(1);
  }

  @Test
  void aReversalNothingCanSettleGoesToAPersonAndIsNeverSentAgain() {
    String receipt = paidPayment(45).text("mpesa_receipt");
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"reversal\",\"mode\":\"accept_then_drop\",\"count\":1},"
            + "{\"endpoint\":\"transaction_status\",\"mode\":\"reject\",\"rate\":1.0,"
            + "\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Internal Server Error\"}],"
            + "\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"result\"]}}");
    String id = h.merchant().post("/v1/reversals", reversal(receipt)).text("id");
    for (int round = 0; round < 10; round++) {
      h.clock().advance(Duration.ofHours(2));
      h.gateway().reconcileNow();
    }
    Reply flagged = h.merchant().get("/v1/reversals/" + id);
    assertThat(flagged.text("status")).isEqualTo("unknown");
    assertThat(flagged.text("needs_attention")).contains(receipt).contains("never be sent again");
    assertThat(h.merchant().get("/v1/reversals?needs_attention=true").json().path("data"))
        .extracting(r -> r.path("id").asText())
        .containsExactly(id);
    assertThat(h.merchant().get("/v1/events?type=reversal.needs_attention").json().path("data"))
        .hasSize(1);
    assertThat(reversalRequests()).isEqualTo(1);
    assertThat(
            h.merchant()
                .get("/v1/overview")
                .json()
                .at("/needs_attention/reversals_flagged")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void onlyCollectedMoneyCanBeReversedAndBadInputSendsNothing() {
    Reply unknownReceipt = h.merchant().post("/v1/reversals", reversal("SKC82PACB8"));
    assertThat(unknownReceipt.status()).isEqualTo(404);
    Reply badReceipt = h.merchant().post("/v1/reversals", reversal("not a receipt"));
    assertThat(badReceipt.status()).isEqualTo(400);
    assertThat(badReceipt.json().path("error").path("param").asText()).isEqualTo("receipt");
    Reply noReceipt = h.merchant().post("/v1/reversals", "{\"remarks\":\"x\"}");
    assertThat(noReceipt.json().path("error").path("param").asText()).isEqualTo("receipt");
    Reply extra = h.merchant().post("/v1/reversals", "{\"receipt\":\"SKC82PACB8\",\"amount\":5}");
    assertThat(extra.status()).isEqualTo(400);

    String cancelled =
        h.merchant()
            .post(
                "/v1/payments",
                "{\"phone\":\"254700001032\",\"amount\":20,\"reference\":\"R\",\"description\":\"D\"}")
            .text("id");
    assertThat(h.merchant().awaitSettled(cancelled).text("status")).isEqualTo("cancelled");

    assertThat(h.merchant().get("/v1/reversals").json().path("data")).isEmpty();
    assertThat(reversalRequests()).isZero();
  }
}
