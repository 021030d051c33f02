package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** B2C payouts end to end against the emulator: each outcome, and never paid twice. */
class PayoutFlowTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness();
  }

  private static String payout(String phone, long amount) {
    return "{\"phone\":\""
        + phone
        + "\",\"amount\":"
        + amount
        + ",\"type\":\"salary\",\"remarks\":\"November salary\",\"metadata\":{\"employee\":\"E-17\"}}";
  }

  private Reply awaitSettled(String id) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/payouts/" + id), r -> !r.text("status").equals("pending"));
  }

  /** Ledger entries of the emulator that paid this phone (newest first). */
  private List<JsonNode> paidTo(String phone) {
    JsonNode ledger = h.admin("GET", "/transactions?party=" + phone + "&limit=100", null).json();
    JsonNode rows = ledger.has("transactions") ? ledger.get("transactions") : ledger;
    List<JsonNode> paid = new ArrayList<>();
    rows.forEach(paid::add);
    return paid;
  }

  @Test
  void payoutIsSentAndSucceedsWithReceiptNameAndCompletionTime() {
    Reply created = h.merchant().post("/v1/payouts", payout("0708374149", 1500));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("pending");
    assertThat(created.text("id")).startsWith("po_");
    assertThat(created.text("originator_conversation_id")).isNotBlank();
    assertThat(created.text("conversation_id")).isNotBlank();
    String id = created.text("id");

    Reply paid = awaitSettled(id);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("mpesa_receipt")).matches("[A-Z0-9]{10}");
    assertThat(paid.text("recipient_name")).isNotBlank().doesNotContain("254");
    assertThat(paid.text("completed_at")).isNotBlank();
    assertThat(paid.json().path("amount").asLong()).isEqualTo(1500);
    assertThat(paid.json().path("metadata").path("employee").asText()).isEqualTo("E-17");

    Reply events = h.merchant().get("/v1/events?object_id=" + id);
    assertThat(events.json().path("data"))
        .extracting(e -> e.path("type").asText())
        .containsExactly("payout.succeeded", "payout.submitted", "payout.created");
    assertThat(paidTo("254708374149"))
        .filteredOn(t -> t.toString().contains(paid.text("mpesa_receipt")))
        .hasSize(1);
  }

  @Test
  void withTheChecksOffByDefaultNoCheckIsAskedAndAnExpectedNameIsOnlyKept() {
    // 254700000911's SIM was swapped two days ago, and the name is not its holder's: both would
    // hold the payout with payouts.simSwapGuard and payouts.nameCheck on.
    Reply created =
        h.merchant()
            .post(
                "/v1/payouts",
                "{\"phone\":\"254700000911\",\"amount\":100,\"type\":\"business\","
                    + "\"remarks\":\"Refund\",\"expected_name\":\"Akinyi Otieno\"}");
    assertThat(created.text("status")).isIn("pending", "succeeded");
    assertThat(created.text("expected_name")).isEqualTo("Akinyi Otieno");
    assertThat(created.json().path("checks")).isEmpty();
    assertThat(awaitSettled(created.text("id")).text("status")).isEqualTo("succeeded");
    JsonNode endpoints = h.admin("GET", "/counters", null).json().path("endpoints");
    assertThat(endpoints.path("imsi_v2").asInt()).isZero();
    assertThat(endpoints.path("hakikisha").asInt()).isZero();
    assertThat(endpoints.path("b2c_v3").asInt()).isEqualTo(1);
  }

  @Test
  void unregisteredAndInvalidRecipientsFailWithTheResultCodeAndAReason() {
    String unregistered = h.merchant().post("/v1/payouts", payout("254700002040", 100)).text("id");
    String invalid = h.merchant().post("/v1/payouts", payout("254700000003", 100)).text("id");

    Reply first = awaitSettled(unregistered);
    assertThat(first.text("status")).isEqualTo("failed");
    assertThat(first.text("result_code")).isEqualTo("2040");
    assertThat(first.text("failure_reason")).isNotBlank();
    assertThat(first.json().path("mpesa_receipt").isNull()).isTrue();
    Reply second = awaitSettled(invalid);
    assertThat(second.text("status")).isEqualTo("failed");
    assertThat(second.text("result_code")).isEqualTo("SFC_IC0003");
  }

  @Test
  void insufficientUtilityBalanceFails() {
    h.admin("PUT", "/organisations/600000/accounts/utility", "{\"balance\":\"50.00\"}");
    String id = h.merchant().post("/v1/payouts", payout("0708374149", 100)).text("id");
    Reply done = awaitSettled(id);
    assertThat(done.text("status")).isEqualTo("failed");
    assertThat(done.text("result_code")).isEqualTo("1");
    assertThat(paidTo("254708374149")).isEmpty();
  }

  @Test
  void aFailedPayoutIsResubmittedAsTheSameRecordAndNothingElseIsEver() {
    h.admin("PUT", "/organisations/600000/accounts/utility", "{\"balance\":\"50.00\"}");
    Reply created = h.merchant().post("/v1/payouts", payout("0708374149", 100));
    String id = created.text("id");
    Reply failed = awaitSettled(id);
    assertThat(failed.text("status")).isEqualTo("failed");

    h.admin("PUT", "/organisations/600000/accounts/utility", "{\"balance\":\"5000.00\"}");
    Reply again = h.merchant().post("/v1/payouts/" + id + "/resubmit", "{}");
    assertThat(again.status()).as(again.json().toString()).isEqualTo(200);
    assertThat(again.text("id")).isEqualTo(id);
    assertThat(again.json().path("resubmissions").asInt()).isEqualTo(1);
    assertThat(again.text("originator_conversation_id"))
        .isNotEqualTo(failed.text("originator_conversation_id"));
    assertThat(again.json().path("result_code").isNull()).isTrue();
    Reply paid = awaitSettled(id);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paidTo("254708374149")).hasSize(1);

    // Paid, or possibly paid: never sent again.
    Reply refused = h.merchant().post("/v1/payouts/" + id + "/resubmit", "{}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("error").path("code").asText()).isEqualTo("not_resubmittable");
    String unknown = h.merchant().post("/v1/payouts", payout("254700000408", 90)).text("id");
    assertThat(awaitSettled(unknown).text("status")).isEqualTo("unknown"); // queue timeout
    Reply notProof = h.merchant().post("/v1/payouts/" + unknown + "/resubmit", "{}");
    assertThat(notProof.status()).isEqualTo(409);
    assertThat(notProof.json().path("error").path("message").asText()).contains("never sent again");
    assertThat(h.merchant().post("/v1/payouts/po_nope/resubmit", "{}").status()).isEqualTo(404);
    assertThat(h.admin("GET", "/counters", null).json().path("endpoints").path("b2c_v3").asInt())
        .isEqualTo(3);
  }

  @Test
  void aLostAnswerIsUnknownAndNeverSentAgainThoughTheMoneyMoved() {
    // The Result comes a second later, so the lost answer is seen first, however busy the machine.
    h.admin("PATCH", "/settings", "{\"callbacks\":{\"delay\":\"1s\"}}");
    h.dropNextAnswer("b2c_v3");
    Reply created =
        h.merchant().post("/v1/payouts", payout("0708374149", 700), "payout-lost-answer-1");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("unknown");
    assertThat(created.text("failure_reason")).contains("will not be sent again");

    // The merchant retries with the same key: the stored answer, nothing sent.
    Reply retried =
        h.merchant().post("/v1/payouts", payout("0708374149", 700), "payout-lost-answer-1");
    assertThat(retried.text("id")).isEqualTo(created.text("id"));
    JsonNode counters = h.admin("GET", "/counters", null).json();
    assertThat(counters.path("endpoints").path("b2c_v3").asInt()).isEqualTo(1);

    // The emulator paid it (it processes when accepted) and sends the Result: that settles it.
    Reply settled =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> h.merchant().get("/v1/payouts/" + created.text("id")),
                r -> r.text("status").equals("succeeded"));
    assertThat(paidTo("254708374149")).hasSize(1);
  }

  @Test
  void aQueueTimeoutIsUnknownNotFailed() {
    String id = h.merchant().post("/v1/payouts", payout("254700000408", 100)).text("id");
    Reply done = awaitSettled(id);
    assertThat(done.text("status")).isEqualTo("unknown");
    assertThat(done.text("failure_reason")).contains("queue timed out");
  }

  @Test
  void forgedAndDuplicateResultsChangeNothing() {
    String id = h.merchant().post("/v1/payouts", payout("0708374149", 300)).text("id");
    Reply paid = awaitSettled(id);
    String originator = paid.text("originator_conversation_id");
    String resultUrl =
        h.gateway().baseUrl() + "/daraja/" + GatewayHarness.CALLBACK_SECRET + "/b2c/result";

    // A copy saying it failed afterwards: recorded as late, the payout stays paid.
    Reply late =
        h.merchant()
            .postRaw(
                resultUrl,
                "{\"Result\":{\"ResultType\":0,\"ResultCode\":2040,\"ResultDesc\":\"x\","
                    + "\"OriginatorConversationID\":\""
                    + originator
                    + "\",\"ConversationID\":\"AG_X\",\"TransactionID\":\"UAX\"}}");
    assertThat(late.status()).isEqualTo(200);
    // A Result for a payout nobody sent: kept, credits nothing.
    Reply unknown =
        h.merchant()
            .postRaw(
                resultUrl,
                "{\"Result\":{\"ResultType\":0,\"ResultCode\":0,\"ResultDesc\":\"ok\","
                    + "\"OriginatorConversationID\":\"not-ours\",\"ConversationID\":\"AG_Y\","
                    + "\"TransactionID\":\"UAY\"}}");
    assertThat(unknown.status()).isEqualTo(200);

    Reply after = h.merchant().get("/v1/payouts/" + id);
    assertThat(after.text("status")).isEqualTo("succeeded");
    assertThat(after.text("mpesa_receipt")).isEqualTo(paid.text("mpesa_receipt"));
    assertThat(h.merchant().get("/v1/callbacks?outcome=late").json().path("data")).hasSize(1);
    assertThat(h.merchant().get("/v1/callbacks?outcome=unmatched").json().path("data")).hasSize(1);
  }

  @Test
  void badInputNamesTheFieldAndSendsNothing() {
    Reply noType =
        h.merchant()
            .post("/v1/payouts", "{\"phone\":\"0708374149\",\"amount\":100,\"remarks\":\"ok\"}");
    assertThat(noType.status()).isEqualTo(400);
    assertThat(noType.json().path("error").path("param").asText()).isEqualTo("type");
    Reply tooSmall = h.merchant().post("/v1/payouts", payout("0708374149", 5));
    assertThat(tooSmall.status()).isEqualTo(400);
    assertThat(tooSmall.json().path("error").path("param").asText()).isEqualTo("amount");
    Reply badPhone = h.merchant().post("/v1/payouts", payout("12345", 100));
    assertThat(badPhone.json().path("error").path("param").asText()).isEqualTo("phone");

    assertThat(h.merchant().get("/v1/payouts").json().path("data")).isEmpty();
    assertThat(h.admin("GET", "/counters", null).json().path("endpoints").path("b2c_v3").asInt())
        .isZero();
  }

  @Test
  void payoutsAreListedNewestFirstAndFilteredByStatus() {
    String ok = h.merchant().post("/v1/payouts", payout("0708374149", 100)).text("id");
    String failed = h.merchant().post("/v1/payouts", payout("254700002040", 100)).text("id");
    awaitSettled(ok);
    awaitSettled(failed);
    assertThat(h.merchant().get("/v1/payouts").json().path("data"))
        .extracting(p -> p.path("id").asText())
        .containsExactly(failed, ok);
    assertThat(h.merchant().get("/v1/payouts?status=failed").json().path("data"))
        .extracting(p -> p.path("id").asText())
        .containsExactly(failed);
    assertThat(h.merchant().get("/v1/payouts?status=paid").status()).isEqualTo(400);
  }

  @Test
  void balancesAreAskedOfDarajaAndShownWithWhenTheyWereComputed() {
    Reply none = h.merchant().get("/v1/balance");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.json().at("/error/message").asText()).contains("POST /v1/balance/refresh");

    h.admin("PUT", "/organisations/600000/accounts/utility", "{\"balance\":\"12345.67\"}");
    Reply asked = h.merchant().post("/v1/balance/refresh", "{}");
    assertThat(asked.status()).isEqualTo(202);
    assertThat(asked.text("short_code")).isEqualTo("600000");

    Reply balance =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> h.merchant().get("/v1/balance"), r -> r.status() == 200);
    assertThat(balance.text("short_code")).isEqualTo("600000");
    assertThat(balance.text("as_of")).isNotBlank();
    assertThat(balance.json().path("accounts"))
        .anySatisfy(
            a -> {
              assertThat(a.path("name").asText()).containsIgnoringCase("utility");
              assertThat(a.path("available").asText()).isEqualTo("12345.67");
            });
  }

  @Test
  void aReceiptIsLookedUpWithTransactionStatusAndTheAnswerKept() {
    String id = h.merchant().post("/v1/payouts", payout("0708374149", 1500)).text("id");
    String receipt = awaitSettled(id).text("mpesa_receipt");

    Reply asked = h.merchant().get("/v1/transactions/" + receipt);
    assertThat(asked.status()).isEqualTo(202);
    assertThat(asked.text("status")).isEqualTo("pending");
    Reply found =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> h.merchant().get("/v1/transactions/" + receipt), r -> r.status() == 200);
    assertThat(found.json().path("found").asBoolean()).isTrue();
    assertThat(found.text("status")).isEqualTo("Completed");
    assertThat(found.text("amount")).isEqualTo("1500.00");
    long queries =
        h.admin("GET", "/counters", null)
            .json()
            .path("endpoints")
            .path("transaction_status")
            .asLong();
    assertThat(h.merchant().get("/v1/transactions/" + receipt).status()).isEqualTo(200);
    assertThat(
            h.admin("GET", "/counters", null)
                .json()
                .path("endpoints")
                .path("transaction_status")
                .asLong())
        .as("a kept answer is served without asking again")
        .isEqualTo(queries);

    Reply unknown =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> h.merchant().get("/v1/transactions/ZZZZZZZZZ9"), r -> r.status() == 200);
    assertThat(unknown.json().path("found").asBoolean()).isFalse();
    assertThat(h.merchant().get("/v1/transactions/not-a-receipt").status()).isEqualTo(400);
  }
}
