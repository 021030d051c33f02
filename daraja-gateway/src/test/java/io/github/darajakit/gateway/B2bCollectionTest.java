package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.b2bcollections.B2bCollection;
import io.github.darajakit.gateway.b2bcollections.B2bCollectionStatus;
import io.github.darajakit.gateway.b2bcollections.B2bCollectionStore;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import io.github.darajakit.gateway.support.WebhookReceiver;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * B2B collections end to end against the emulator, whose ledger is the oracle: a till asked once
 * pays once, a cancelled prompt moves nothing, fifty identical requests push once, a lost answer is
 * never pushed again and is settled by the callback that follows, and a push whose callback never
 * comes is put before a person. Callback attacks are in {@link B2bCollectionCallbackTest}.
 */
class B2bCollectionTest {

  static final String TILL = "600501";
  static final String RECEIVER = "600992"; // the harness's C2B shortcode
  static final String CANCELS = "254700001032";

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  /** A request for {@code amount} from the emulator's till, which is given money to pay with. */
  static String collection(GatewayHarness h, long amount, String reference) {
    h.admin("PUT", "/organisations/" + TILL + "/accounts/utility", "{\"balance\":\"5000.00\"}");
    return "{\"primary_short_code\":\""
        + TILL
        + "\",\"amount\":"
        + amount
        + ",\"payment_reference\":\""
        + reference
        + "\",\"partner_name\":\"Acme Supplies\",\"metadata\":{\"order_id\":\"1042\"}}";
  }

  static Reply awaitFinal(GatewayHarness h, String id) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/b2b-collections/" + id),
            r -> r.text("status").equals("succeeded") || r.text("status").equals("failed"));
  }

  /** Pushes the emulator received. */
  static int pushes(GatewayHarness h) {
    return h.admin("GET", "/counters", null).json().path("endpoints").path("b2b_express").asInt();
  }

  /** The ledger's B2B Express Checkout entries paid by the till. */
  private List<JsonNode> tillPayments() {
    List<JsonNode> entries = new ArrayList<>();
    h.admin("GET", "/transactions?party=" + TILL, null)
        .json()
        .path("transactions")
        .forEach(
            t -> {
              if (t.path("kind").asText().equals("b2b_express_checkout")) {
                entries.add(t);
              }
            });
    return entries;
  }

  private String utility(String shortCode) {
    return h.admin("GET", "/organisations/" + shortCode, null)
        .json()
        .path("accounts")
        .path("Utility Account")
        .asText();
  }

  @Test
  void aTillPaysOnceAndTheCollectionSucceedsWithItsReceipt() {
    WebhookReceiver receiver = new WebhookReceiver();
    try {
      h.merchant()
          .post(
              "/v1/webhook-endpoints",
              "{\"url\":\""
                  + receiver.url()
                  + "\",\"enabled_events\":[\"b2b_collection.succeeded\"]}");
      String receiverBefore = utility(RECEIVER);

      Reply created =
          h.merchant().post("/v1/b2b-collections", collection(h, 2500, "INV-1042"), "order-1042");
      assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
      assertThat(created.text("id")).startsWith("b2bc_");
      assertThat(created.text("status")).isEqualTo("pending");
      assertThat(created.text("receiver_short_code")).isEqualTo(RECEIVER);
      assertThat(created.text("request_ref_id")).hasSize(36);

      Reply paid = awaitFinal(h, created.text("id"));
      assertThat(paid.text("status")).isEqualTo("succeeded");
      assertThat(paid.text("result_code")).isEqualTo("0");
      assertThat(paid.json().path("needs_attention").isNull()).isTrue();
      assertThat(paid.json().path("metadata").path("order_id").asText()).isEqualTo("1042");

      // The ledger: one payment from the till to the receiver, the one the receipt names.
      List<JsonNode> ledger = tillPayments();
      assertThat(ledger).hasSize(1);
      JsonNode entry = ledger.get(0);
      assertThat(entry.path("receipt").asText()).isEqualTo(paid.text("mpesa_receipt"));
      assertThat(entry.path("amount").asText()).isEqualTo("2500.00");
      assertThat(entry.path("debitParty").asText()).startsWith(TILL);
      assertThat(entry.path("creditParty").asText()).startsWith(RECEIVER);
      assertThat(entry.path("originatorConversationId").asText())
          .isEqualTo(created.text("request_ref_id"));
      assertThat(entry.path("billReference").asText()).isEqualTo("INV-1042");
      assertThat(utility(TILL)).isEqualTo("2500.00");
      assertThat(new BigDecimal(utility(RECEIVER)))
          .isEqualByComparingTo(new BigDecimal(receiverBefore).add(BigDecimal.valueOf(2500)));
      assertThat(pushes(h)).isEqualTo(1);

      assertThat(h.merchant().eventTypes(created.text("id")))
          .containsExactly(
              "b2b_collection.succeeded", "b2b_collection.pending", "b2b_collection.created");
      assertThat(h.gateway().deliverWebhooksNow()).isEqualTo(1);
      assertThat(new String(receiver.received().get(0).body(), StandardCharsets.UTF_8))
          .contains("\"type\":\"b2b_collection.succeeded\"")
          .contains(paid.text("mpesa_receipt"));

      // The same request again is the same collection, not a second prompt.
      Reply again =
          h.merchant().post("/v1/b2b-collections", collection(h, 2500, "INV-1042"), "order-1042");
      assertThat(again.text("id")).isEqualTo(created.text("id"));
      assertThat(pushes(h)).isEqualTo(1);
      assertThat(h.merchant().get("/v1/b2b-collections?status=succeeded").json().path("data"))
          .extracting(c -> c.path("id").asText())
          .containsExactly(created.text("id"));
      assertThat(
              h.merchant().get("/v1/b2b-collections?primary_short_code=600978").json().path("data"))
          .isEmpty();
      assertThat(h.merchant().get("/v1/overview").json().at("/today/collected/amount").asLong())
          .isEqualTo(2500);
    } finally {
      receiver.close();
    }
  }

  @Test
  void theOperatorCancelsThePromptAndTheCollectionFailsWithMpesasCode() {
    h.admin("PUT", "/b2b-express/nominated-numbers/" + TILL, "{\"msisdn\":\"" + CANCELS + "\"}");
    Reply created = h.merchant().post("/v1/b2b-collections", collection(h, 700, "INV-7"));
    assertThat(created.status()).isEqualTo(201);

    Reply failed = awaitFinal(h, created.text("id"));
    assertThat(failed.text("status")).isEqualTo("failed");
    assertThat(failed.text("result_code")).isEqualTo("4001");
    assertThat(failed.text("result_desc")).isEqualTo("User cancelled transaction");
    assertThat(failed.text("failure_reason")).isNotBlank();
    assertThat(failed.json().path("mpesa_receipt").isNull()).isTrue();
    assertThat(tillPayments()).isEmpty();
    assertThat(utility(TILL)).isEqualTo("5000.00");
    assertThat(h.merchant().eventTypes(created.text("id")))
        .first()
        .isEqualTo("b2b_collection.failed");
  }

  @Test
  void fiftyIdenticalRequestsUnderOneKeyPushOnce() {
    String body = collection(h, 300, "INV-50");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Reply> answers;
    try {
      List<CompletableFuture<Reply>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(
            CompletableFuture.supplyAsync(
                () -> h.merchant().post("/v1/b2b-collections", body, "till-600501-inv-50"), pool));
      }
      answers = calls.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdown();
    }
    // The first runs; the others get its answer, or 409 while it is still running.
    assertThat(answers).extracting(Reply::status).allMatch(s -> s == 201 || s == 409);
    List<String> ids =
        answers.stream().filter(r -> r.status() == 201).map(r -> r.text("id")).distinct().toList();
    assertThat(ids).hasSize(1);
    assertThat(h.merchant().all("/v1/b2b-collections")).hasSize(1);
    assertThat(awaitFinal(h, ids.get(0)).text("status")).isEqualTo("succeeded");
    assertThat(pushes(h)).isEqualTo(1);
    assertThat(tillPayments()).hasSize(1);

    // The same key with another body is refused, and pushes nothing.
    Reply other =
        h.merchant()
            .post("/v1/b2b-collections", collection(h, 301, "INV-50"), "till-600501-inv-50");
    assertThat(other.status()).isEqualTo(422);
    assertThat(pushes(h)).isEqualTo(1);
  }

  @Test
  void aLostAnswerIsUnknownNeverPushedAgainAndSettledByTheCallbackThatFollows() {
    // The operator answers when the test says, so the callback cannot overtake the lost answer.
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
    h.dropNextAnswer("b2b_express");
    Reply created =
        h.merchant().post("/v1/b2b-collections", collection(h, 900, "INV-9"), "lost-answer-9");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("unknown");
    assertThat(created.text("failure_reason")).contains("will not be sent again");
    Reply retried =
        h.merchant().post("/v1/b2b-collections", collection(h, 900, "INV-9"), "lost-answer-9");
    assertThat(retried.text("id")).isEqualTo(created.text("id"));

    // Nothing is pushed again, however often the reconciler looks; a person is asked instead.
    h.clock().advance(Duration.ofHours(1));
    h.gateway().reconcileNow();
    h.clock().advance(Duration.ofHours(1));
    h.gateway().reconcileNow();
    Reply flagged = h.merchant().get("/v1/b2b-collections/" + created.text("id"));
    assertThat(flagged.text("status")).isEqualTo("unknown");
    assertThat(flagged.text("needs_attention")).contains("never be sent again");
    assertThat(pushes(h)).isEqualTo(1);

    // The push did reach the emulator: the operator pays, and the callback settles it.
    h.admin("POST", "/b2b-express/" + created.text("request_ref_id") + "/approve", "{}");
    Reply paid = awaitFinal(h, created.text("id"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.json().path("needs_attention").isNull()).isTrue();
    assertThat(paid.text("mpesa_receipt"))
        .isEqualTo(tillPayments().get(0).path("receipt").asText());
    assertThat(tillPayments()).hasSize(1);
    assertThat(pushes(h)).isEqualTo(1);
  }

  @Test
  void aPushWhoseCallbackNeverComesIsPutBeforeAPersonAndALateCallbackStillSettlesIt() {
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
    Reply created = h.merchant().post("/v1/b2b-collections", collection(h, 1200, "INV-12"));
    assertThat(created.text("status")).isEqualTo("pending");
    String id = created.text("id");

    // Before the deadline nothing happens; at it, the collection goes to a person.
    h.clock().advance(Duration.ofMinutes(4));
    h.gateway().reconcileNow();
    assertThat(h.merchant().get("/v1/b2b-collections/" + id).text("status")).isEqualTo("pending");
    h.clock().advance(Duration.ofMinutes(2));
    h.gateway().reconcileNow();
    Reply flagged = h.merchant().get("/v1/b2b-collections/" + id);
    assertThat(flagged.text("status")).isEqualTo("unknown");
    assertThat(flagged.text("needs_attention"))
        .contains("no query API")
        .contains(RECEIVER + " for KES 1200 from till " + TILL)
        .contains("never be sent again");
    assertThat(h.merchant().get("/v1/b2b-collections?needs_attention=true").json().path("data"))
        .hasSize(1);
    assertThat(
            h.merchant()
                .get("/v1/overview")
                .json()
                .at("/needs_attention/b2b_collections_flagged")
                .asLong())
        .isEqualTo(1);
    assertThat(h.merchant().eventTypes(id))
        .contains("b2b_collection.needs_attention", "b2b_collection.unknown");
    assertThat(metric("daraja_gateway_b2b_collections_needing_attention")).isEqualTo(1);
    h.clock().advance(Duration.ofHours(2));
    h.gateway().reconcileNow();
    assertThat(pushes(h)).isEqualTo(1);

    // The operator answers at last: the callback is evidence, and settles it.
    h.admin("POST", "/b2b-express/" + created.text("request_ref_id") + "/approve", "{}");
    Reply paid = awaitFinal(h, id);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.json().path("needs_attention").isNull()).isTrue();
    assertThat(tillPayments()).hasSize(1);
    assertThat(metric("daraja_gateway_b2b_collections_needing_attention")).isZero();
  }

  @Test
  void aCollectionLeftCreatedByACrashBecomesUnknownIsFlaggedAndItsCallbackStillSettlesIt() {
    // The gateway recorded the collection, then died before recording Daraja's answer to the push.
    long now = h.clock().millis();
    B2bCollection created =
        new B2bCollection(
            "b2bc_crashedBeforeAnswer0001",
            B2bCollectionStatus.CREATED,
            TILL,
            RECEIVER,
            800,
            "INV-8",
            "Acme Supplies",
            null,
            Progress.created("0b7a2a4e-5d1c-4a53-9f6e-2f1b8c3d4e5f", now + MINUTES_5),
            now,
            now,
            1);
    try (Database db = Database.open(h.databaseUrl(), Clock.systemUTC())) {
      db.write(
          c -> {
            new B2bCollectionStore(db).insert(c, created, null);
            return null;
          });
    }
    assertThat(h.gateway().reconcileNow()).isZero();
    h.clock().advance(Duration.ofMinutes(6));
    assertThat(h.gateway().reconcileNow()).isEqualTo(1);
    Reply flagged = h.merchant().get("/v1/b2b-collections/" + created.id());
    assertThat(flagged.text("status")).isEqualTo("unknown");
    assertThat(flagged.text("failure_reason")).contains("stopped after recording");
    assertThat(flagged.text("needs_attention")).contains("settle it by hand");
    assertThat(pushes(h)).isZero();

    // Had the push gone out, its callback would still be evidence.
    h.merchant()
        .postRaw(
            h.callbackUrl("b2b-collections/callback/" + created.id()),
            Callbacks.b2bExpressSuccess(created.requestRefId(), "800.0", "SL7CRS0001"));
    Reply paid = h.merchant().get("/v1/b2b-collections/" + created.id());
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.json().path("needs_attention").isNull()).isTrue();
  }

  private static final long MINUTES_5 = Duration.ofMinutes(5).toMillis();

  private long metric(String name) {
    return h.merchant()
        .send("GET", "/metrics", null, null, null)
        .json()
        .asText()
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsPushed() {
    String till = "\"primary_short_code\":\"" + TILL + "\"";
    String rest = "\"payment_reference\":\"INV-1\",\"partner_name\":\"Acme\"";
    assertRefused("{\"amount\":10," + rest + "}", "primary_short_code");
    assertRefused(
        "{\"primary_short_code\":\"60-501\",\"amount\":10," + rest + "}", "primary_short_code");
    assertRefused(
        "{\"primary_short_code\":\"" + RECEIVER + "\",\"amount\":10," + rest + "}",
        "primary_short_code");
    assertRefused("{" + till + ",\"amount\":0," + rest + "}", "amount");
    assertRefused("{" + till + ",\"amount\":10.5," + rest + "}", "amount");
    assertRefused("{" + till + ",\"amount\":250001," + rest + "}", "amount");
    assertRefused("{" + till + ",\"amount\":10,\"partner_name\":\"Acme\"}", "payment_reference");
    assertRefused(
        "{"
            + till
            + ",\"amount\":10,\"payment_reference\":\"INV-000000000000000001\","
            + "\"partner_name\":\"Acme\"}",
        "payment_reference");
    assertRefused("{" + till + ",\"amount\":10,\"payment_reference\":\"INV-1\"}", "partner_name");
    assertRefused("{" + till + ",\"amount\":10," + rest + ",\"phone\":\"0708374149\"}", "phone");
    Reply status = h.merchant().get("/v1/b2b-collections?status=paid");
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.json().path("error").path("param").asText()).isEqualTo("status");

    assertThat(h.merchant().all("/v1/b2b-collections")).isEmpty();
    assertThat(pushes(h)).isZero();
    assertThat(h.merchant().get("/v1/b2b-collections/b2bc_nosuch").status()).isEqualTo(404);
  }

  private void assertRefused(String body, String param) {
    Reply refused = h.merchant().post("/v1/b2b-collections", body);
    assertThat(refused.status()).as(body).isEqualTo(400);
    JsonNode error = refused.json().path("error");
    assertThat(error.path("param").asText()).as(error.toString()).isEqualTo(param);
    assertThat(error.path("message").asText()).as(error.toString()).contains(param);
  }

  @Test
  void theConfiguredPartnerNameIsUsedWhenARequestGivesNone() {
    DarajaGateway named = h.newGateway(g -> g.b2bCollectionPartnerName("Acme Supplies Ltd"));
    try {
      MerchantClient merchant = new MerchantClient(named.baseUrl(), GatewayHarness.API_KEY);
      h.admin("PUT", "/organisations/" + TILL + "/accounts/utility", "{\"balance\":\"100.00\"}");
      Reply created =
          merchant.post(
              "/v1/b2b-collections",
              "{\"primary_short_code\":\""
                  + TILL
                  + "\",\"amount\":50,\"payment_reference\":\"R-1\"}");
      assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
      assertThat(created.text("partner_name")).isEqualTo("Acme Supplies Ltd");
      JsonNode push = h.admin("GET", "/b2b-express/" + created.text("request_ref_id"), null).json();
      assertThat(push.path("partnerName").asText()).isEqualTo("Acme Supplies Ltd");
      assertThat(push.path("receiverShortCode").asText()).isEqualTo(RECEIVER);
      assertThat(push.path("paymentRef").asText()).isEqualTo("R-1");
      assertThat(push.path("amount").asLong()).isEqualTo(50);
    } finally {
      named.close();
    }
  }
}
