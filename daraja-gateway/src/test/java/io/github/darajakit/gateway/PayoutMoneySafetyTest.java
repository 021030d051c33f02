package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.b2c.B2cCommand;
import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10's ways to pay a customer twice, each closed: concurrent resubmits, a batch row sent by
 * two senders, Daraja's "Duplicate OriginatorConversationID" taken for a failure, a success Result
 * that contradicts a failure, a Result of an attempt sent again since, evidence without an amount,
 * and flags and batches that never settle. The oracle is the emulator's ledger and request
 * counters, not the gateway's tables.
 */
class PayoutMoneySafetyTest {

  /** Emulator: the B2C succeeds and its Result is never sent; Transaction Status finds it. */
  private static final String RESULT_NEVER_SENT = "254700000404";

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(
        UnaryOperator.identity(), gateway -> gateway.payoutRatePerSecond(1_000), false);
  }

  private static String payout(String phone, long amount) {
    return "{\"phone\":\""
        + phone
        + "\",\"amount\":"
        + amount
        + ",\"type\":\"business\",\"remarks\":\"Seller payout\"}";
  }

  private Reply fetch(String id) {
    return h.merchant().get("/v1/payouts/" + id);
  }

  private Reply awaitStatus(String id, String status) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> fetch(id), r -> r.text("status").equals(status));
  }

  private long calls(String endpoint) {
    return h.admin("GET", "/counters", null).json().path("endpoints").path(endpoint).asLong();
  }

  /** Money the emulator's ledger shows paid to this phone. */
  private List<JsonNode> paidTo(String phone) {
    List<JsonNode> paid = new ArrayList<>();
    h.admin("GET", "/transactions?party=" + phone + "&limit=100", null)
        .json()
        .path("transactions")
        .forEach(paid::add);
    return paid;
  }

  private void utilityBalance(String amount) {
    h.admin("PUT", "/organisations/600000/accounts/utility", "{\"balance\":\"" + amount + "\"}");
  }

  /** A payout that failed for lack of funds; the account is topped up afterwards. */
  private Reply failedForLackOfFunds(String phone, long amount) {
    utilityBalance("5.00");
    String id = h.merchant().post("/v1/payouts", payout(phone, amount)).text("id");
    Reply failed = awaitStatus(id, "failed");
    assertThat(failed.text("result_code")).isEqualTo("1");
    utilityBalance("1000000.00");
    return failed;
  }

  private Reply postResult(String body) {
    Reply ack = h.merchant().postRaw(h.callbackUrl("b2c/result"), body);
    assertThat(ack.status()).as("Daraja always gets a 200").isEqualTo(200);
    return ack;
  }

  @Test
  void fiftyResubmitsAtOnceSendAFailedPayoutOnce() throws Exception {
    // Slow answers widen the window in which the other resubmits arrive while one is sending.
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      for (int round = 0; round < 4; round++) {
        String phone = "2547115000" + String.format("%02d", round);
        Reply failed = failedForLackOfFunds(phone, 120);
        h.admin("PUT", "/faults", "{\"latency\":{\"b2c_v3\":\"300ms\"}}");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    return h.merchant()
                        .post("/v1/payouts/" + failed.text("id") + "/resubmit", "{}");
                  }));
        }
        start.countDown();
        int sent = 0;
        for (Future<Reply> answer : answers) {
          Reply reply = answer.get();
          if (reply.status() == 200) {
            sent++;
          } else {
            assertThat(reply.status()).as(reply.json().toString()).isEqualTo(409);
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("not_resubmittable");
          }
        }
        h.admin("PUT", "/faults", "{}");
        assertThat(sent).as("round %d: one resubmit sends", round).isEqualTo(1);
        Reply paid = awaitStatus(failed.text("id"), "succeeded");
        assertThat(paid.json().path("resubmissions").asInt()).isEqualTo(1);
        assertThat(paidTo(phone)).as("round %d: paid once", round).hasSize(1);
      }
      assertThat(calls("b2c_v3"))
          .as("each payout sent twice: the failure and one resubmit")
          .isEqualTo(8);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aResubmittedBatchRowRefusedBySpikeArrestFailsAgainAndIsNotQueued() {
    utilityBalance("5.00");
    String batch =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"business\",\"remarks\":\"Seller payout\",\"items\":["
                    + "{\"phone\":\"254711650001\",\"amount\":120}]}")
            .text("id");
    h.merchant().post("/v1/payout-batches/" + batch + "/confirm", "{}");
    h.gateway().sendPayoutBatchesNow();
    String row =
        h.merchant().get("/v1/payout-batches/" + batch + "/items").json().at("/data/0/id").asText();
    awaitStatus(row, "failed");
    utilityBalance("1000000.00");
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"reject\",\"rate\":1.0,"
            + "\"errorCode\":\"500.003.02\",\"errorMessage\":\"Spike Arrest Violation\"}]}");

    Reply refused = h.merchant().post("/v1/payouts/" + row + "/resubmit", "{}");
    assertThat(refused.status()).as(refused.json().toString()).isEqualTo(200);
    assertThat(refused.text("status")).as("nothing ran: failed again").isEqualTo("failed");
    assertThat(paidTo("254711650001")).isEmpty();

    h.admin("PUT", "/faults", "{}");
    assertThat(h.merchant().post("/v1/payouts/" + row + "/resubmit", "{}").status()).isEqualTo(200);
    awaitStatus(row, "succeeded");
    assertThat(paidTo("254711650001")).hasSize(1);
  }

  @Test
  void twoSendersNeverSendOneBatchRowTwice() throws Exception {
    Reply batch =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"business\",\"remarks\":\"Seller payout\",\"items\":["
                    + "{\"phone\":\"254711600001\",\"amount\":101},"
                    + "{\"phone\":\"254711600002\",\"amount\":102},"
                    + "{\"phone\":\"254711600003\",\"amount\":103},"
                    + "{\"phone\":\"254711600004\",\"amount\":104}]}");
    String id = batch.text("id");
    h.merchant().post("/v1/payout-batches/" + id + "/confirm", "{}");
    // While one sender waits on Daraja, the other finds the same rows queued a moment ago.
    h.admin("PUT", "/faults", "{\"latency\":{\"b2c_v3\":\"400ms\"}}");
    ExecutorService senders = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> rounds = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        rounds.add(senders.submit(() -> h.gateway().sendPayoutBatchesNow()));
      }
      for (Future<Integer> round : rounds) {
        round.get();
      }
    } finally {
      senders.shutdownNow();
    }
    h.admin("PUT", "/faults", "{}");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              h.gateway().sendPayoutBatchesNow();
              return h.merchant().get("/v1/payout-batches/" + id).text("status");
            },
            "completed"::equals);
    assertThat(calls("b2c_v3")).as("each row sent once").isEqualTo(4);
    for (int row = 1; row <= 4; row++) {
      assertThat(paidTo("25471160000" + row)).as("row %d paid once", row).hasSize(1);
    }
    JsonNode rows = h.merchant().get("/v1/payout-batches/" + id + "/items").json().path("data");
    assertThat(rows).allMatch(r -> r.path("status").asText().equals("succeeded"));
  }

  @Test
  void aDuplicateOriginatorConversationIdAnswerIsUnknownAndSettledNeverFailed() {
    // Someone sends a batch row's request before the gateway does (another instance, in the
    // issue): the gateway's own send is then answered "Duplicate OriginatorConversationID".
    String batch =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"business\",\"remarks\":\"Seller payout\",\"items\":["
                    + "{\"phone\":\"254711700001\",\"amount\":150}]}")
            .text("id");
    JsonNode row =
        h.merchant().get("/v1/payout-batches/" + batch + "/items").json().path("data").get(0);
    String originatorConversationId = row.path("originator_conversation_id").asText();
    h.daraja()
        .b2c()
        .pay(
            B2cPaymentRequest.builder()
                .phone(Msisdn.parse("phone", "254711700001"))
                .amount(150)
                .commandId(B2cCommand.BUSINESS_PAYMENT)
                .remarks("Seller payout")
                .partyA("600000")
                .resultUrl(h.callbackUrl("b2c/result"))
                .queueTimeOutUrl(h.callbackUrl("b2c/timeout"))
                .originatorConversationId(originatorConversationId)
                .build());
    h.merchant().post("/v1/payout-batches/" + batch + "/confirm", "{}");
    h.gateway().sendPayoutBatchesNow();

    Reply settled = awaitStatus(row.path("id").asText(), "succeeded");
    assertThat(settled.text("mpesa_receipt")).matches("[A-Z0-9]{10}");
    assertThat(paidTo("254711700001")).as("paid once, by the first request").hasSize(1);
    assertThat(
            h.merchant()
                .post("/v1/payouts/" + row.path("id").asText() + "/resubmit", "{}")
                .status())
        .isEqualTo(409);
  }

  @Test
  void aDuplicateAnswerMakesThePayoutUnknownForTransactionStatus() {
    h.admin("PATCH", "/settings", "{\"callbacks\":{\"delay\":\"1h\"}}");
    String batch =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"business\",\"remarks\":\"Seller payout\",\"items\":["
                    + "{\"phone\":\"254711700002\",\"amount\":160}]}")
            .text("id");
    JsonNode row =
        h.merchant().get("/v1/payout-batches/" + batch + "/items").json().path("data").get(0);
    h.daraja()
        .b2c()
        .pay(
            B2cPaymentRequest.builder()
                .phone(Msisdn.parse("phone", "254711700002"))
                .amount(160)
                .commandId(B2cCommand.BUSINESS_PAYMENT)
                .remarks("Seller payout")
                .partyA("600000")
                .resultUrl(h.callbackUrl("b2c/result"))
                .queueTimeOutUrl(h.callbackUrl("b2c/timeout"))
                .originatorConversationId(row.path("originator_conversation_id").asText())
                .build());
    h.merchant().post("/v1/payout-batches/" + batch + "/confirm", "{}");
    h.gateway().sendPayoutBatchesNow();

    Reply unknown = fetch(row.path("id").asText());
    assertThat(unknown.text("status")).isEqualTo("unknown");
    assertThat(unknown.text("result_code")).isEqualTo("500.002.1001");
    assertThat(unknown.text("failure_reason")).contains("never sent again");
  }

  @Test
  void aSuccessResultThatContradictsAFailureWinsAndIsFlagged() {
    Reply failed = failedForLackOfFunds("254711800001", 130);
    postResult(
        Callbacks.b2cSuccess(
            failed.text("originator_conversation_id"),
            failed.text("conversation_id"),
            130L,
            "TKC1A2B3C4",
            "254711800001"));

    Reply paid = fetch(failed.text("id"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("mpesa_receipt")).isEqualTo("TKC1A2B3C4");
    assertThat(paid.text("needs_attention")).contains("recorded failed").contains("TKC1A2B3C4");
    assertThat(h.merchant().post("/v1/payouts/" + failed.text("id") + "/resubmit", "{}").status())
        .as("paid: never sent again")
        .isEqualTo(409);
  }

  @Test
  void aSuccessResultOfAnAttemptSentAgainSinceIsFoundAndFlagged() {
    Reply failed = failedForLackOfFunds("254711800002", 140);
    Reply again = h.merchant().post("/v1/payouts/" + failed.text("id") + "/resubmit", "{}");
    assertThat(again.status()).isEqualTo(200);
    Reply paid = awaitStatus(failed.text("id"), "succeeded");

    // The first attempt's success arrives after all: the customer was paid twice.
    postResult(
        Callbacks.b2cSuccess(
            failed.text("originator_conversation_id"),
            failed.text("conversation_id"),
            140L,
            "TKC5D6E7F8",
            "254711800002"));
    Reply flagged = fetch(failed.text("id"));
    assertThat(flagged.text("status")).isEqualTo("succeeded");
    assertThat(flagged.text("mpesa_receipt")).isEqualTo(paid.text("mpesa_receipt"));
    assertThat(flagged.text("needs_attention"))
        .contains("paid twice")
        .contains("TKC5D6E7F8")
        .contains(paid.text("mpesa_receipt"));
  }

  @Test
  void duplicateDetectedInAResultIsUnknownNotFailed() {
    h.admin("PATCH", "/settings", "{\"callbacks\":{\"delay\":\"1h\"}}");
    Reply pending = h.merchant().post("/v1/payouts", payout("254711800004", 175));
    postResult(
        Callbacks.b2cFailure(
            pending.text("originator_conversation_id"),
            pending.text("conversation_id"),
            15,
            "Duplicate Detected"));
    Reply unknown = fetch(pending.text("id"));
    assertThat(unknown.text("status")).isEqualTo("unknown");
    assertThat(unknown.text("result_code")).isEqualTo("15");
    assertThat(h.merchant().post("/v1/payouts/" + pending.text("id") + "/resubmit", "{}").status())
        .isEqualTo(409);
  }

  @Test
  void aSuccessResultNamingAnotherRecipientIsFlaggedNotApplied() {
    h.admin("PATCH", "/settings", "{\"callbacks\":{\"delay\":\"1h\"}}");
    Reply pending = h.merchant().post("/v1/payouts", payout("254711800005", 185));
    postResult(
        Callbacks.b2cSuccess(
            pending.text("originator_conversation_id"),
            pending.text("conversation_id"),
            185L,
            "TKC8H7J6K5",
            "254799999999"));
    Reply flagged = fetch(pending.text("id"));
    assertThat(flagged.text("status")).isEqualTo("pending");
    assertThat(flagged.text("needs_attention")).contains("recipient");
  }

  @Test
  void aSuccessResultWithoutAnAmountIsFlaggedNotApplied() {
    h.admin("PATCH", "/settings", "{\"callbacks\":{\"delay\":\"1h\"}}");
    Reply pending = h.merchant().post("/v1/payouts", payout("254711800003", 170));
    assertThat(pending.text("status")).isEqualTo("pending");
    postResult(
        Callbacks.b2cSuccess(
            pending.text("originator_conversation_id"),
            pending.text("conversation_id"),
            null,
            "TKC9G8H7J6",
            "254711800003"));
    Reply flagged = fetch(pending.text("id"));
    assertThat(flagged.text("status")).isEqualTo("pending");
    assertThat(flagged.json().path("mpesa_receipt").isNull()).isTrue();
    assertThat(flagged.text("needs_attention")).contains("no amount");
  }

  @Test
  void aPayoutSettledAfterItWasFlaggedLeavesThePersonsList() {
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"transaction_status\",\"mode\":\"reject\",\"rate\":1.0,"
            + "\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Internal Server Error\"}]}");
    Reply created = h.merchant().post("/v1/payouts", payout(RESULT_NEVER_SENT, 310));
    String id = created.text("id");
    for (int round = 0; round < 10; round++) {
      h.clock().advance(Duration.ofHours(2));
      h.gateway().reconcileNow();
    }
    Reply flagged = fetch(id);
    assertThat(flagged.text("needs_attention")).isNotBlank();
    assertThat(flagged.text("status"))
        .as("accepted, and nothing ever said what became of it")
        .isEqualTo("unknown");

    String receipt = paidTo(RESULT_NEVER_SENT).get(0).path("receipt").asText();
    postResult(
        Callbacks.b2cSuccess(
            created.text("originator_conversation_id"),
            created.text("conversation_id"),
            310L,
            receipt,
            RESULT_NEVER_SENT));
    Reply settled = fetch(id);
    assertThat(settled.text("status")).isEqualTo("succeeded");
    assertThat(settled.json().path("needs_attention").isNull()).isTrue();
    assertThat(h.merchant().get("/v1/payouts?needs_attention=true").json().path("data")).isEmpty();
  }

  @Test
  void aBatchWhoseRowNobodyCanSettleStillCompletes() {
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"transaction_status\",\"mode\":\"reject\",\"rate\":1.0,"
            + "\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Internal Server Error\"}]}");
    String batch =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"business\",\"remarks\":\"Seller payout\",\"items\":["
                    + "{\"phone\":\"254711900001\",\"amount\":180},"
                    + "{\"phone\":\""
                    + RESULT_NEVER_SENT
                    + "\",\"amount\":190}]}")
            .text("id");
    h.merchant().post("/v1/payout-batches/" + batch + "/confirm", "{}");
    h.gateway().sendPayoutBatchesNow();
    for (int round = 0; round < 10; round++) {
      h.clock().advance(Duration.ofHours(2));
      h.gateway().reconcileNow();
    }
    Reply done =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> {
                  h.gateway().sendPayoutBatchesNow();
                  return h.merchant().get("/v1/payout-batches/" + batch);
                },
                b -> b.text("status").equals("completed"));
    assertThat(done.json().at("/progress/succeeded/count").asInt()).isEqualTo(1);
    assertThat(done.json().at("/progress/unknown/count").asInt()).isEqualTo(1);
    assertThat(done.json().at("/progress/sent/count").asInt()).isZero();
  }
}
