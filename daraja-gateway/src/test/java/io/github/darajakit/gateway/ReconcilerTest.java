package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.StkScenariosTest.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentStatus;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §6.5: every pending or unknown payment reaches a final state or a person's list — with the
 * workers driven by hand and the clock moved, never by sleeping. And §6.2: the reconciler only ever
 * asks; it never pushes again.
 */
class ReconcilerTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  private Reply fetch(String id) {
    return h.merchant().get("/v1/payments/" + id);
  }

  private long pushes() {
    return h.admin("GET", "/counters", null).json().path("endpoints").path("stk_push").asLong();
  }

  private void promptsDecided() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.admin("GET", "/stk?status=pending", null).json().path("prompts"),
            prompts -> prompts.isArray() && prompts.isEmpty());
  }

  @Test
  void whenDarajaDropsEveryCallbackTheReconcilerStillSettlesEveryPayment() {
    h.admin("PUT", "/faults", "{\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"stk\"]}}");
    Map<String, String> expected =
        Map.of(
            "254708374149", "succeeded",
            "254700001032", "cancelled",
            "254700000001", "failed",
            "254700001037", "expired",
            "254700001019", "expired",
            "254700000404", "succeeded");
    Map<String, String> ids = new java.util.HashMap<>();
    expected
        .keySet()
        .forEach(
            phone ->
                ids.put(phone, h.merchant().post("/v1/payments", payment(phone, 30)).text("id")));
    promptsDecided();
    ids.values().forEach(id -> assertThat(fetch(id).text("status")).isEqualTo("pending"));
    assertThat(h.admin("GET", "/deliveries?kind=stk", null).json().path("deliveries"))
        .hasSize(expected.size() - 1) // callback_lost sends nothing, not even a dropped one
        .allSatisfy(d -> assertThat(d.path("state").asText()).isEqualTo("dropped"));

    // Not due yet: nothing is asked before the first delay.
    assertThat(h.gateway().reconcileNow()).isZero();
    h.clock().advance(Duration.ofSeconds(61));
    assertThat(h.gateway().reconcileNow()).isEqualTo(expected.size());

    expected.forEach(
        (phone, status) -> {
          Reply p = fetch(ids.get(phone));
          assertThat(p.text("status")).as(phone).isEqualTo(status);
          if (status.equals("succeeded")) {
            // STK Query says paid but carries no receipt: paid, and a person finds the receipt.
            assertThat(p.text("needs_attention")).contains("receipt");
          } else {
            assertThat(p.json().path("failure").path("code").asText()).isNotBlank();
          }
        });
    assertThat(pushes()).as("the reconciler never pushes").isEqualTo(expected.size());
    h.clock().advance(Duration.ofHours(3));
    assertThat(h.gateway().reconcileNow()).as("final payments are not asked about again").isZero();
  }

  @Test
  void aPromptThatNeverEndsIsAskedOnScheduleThenHandedToAPerson() {
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true,\"promptTimeout\":\"1h\"}}");
    String id = h.merchant().post("/v1/payments", payment("254711200001", 45)).text("id");
    List<Duration> schedule = h.gateway().config().reconcileSchedule();
    long queriesBefore = queries();
    for (int i = 0; i < schedule.size(); i++) {
      h.clock().advance(schedule.get(i).plusSeconds(1));
      assertThat(h.gateway().reconcileNow()).as("look " + (i + 1)).isEqualTo(1);
      Reply p = fetch(id);
      assertThat(p.text("status")).isEqualTo("pending");
      if (i < schedule.size() - 1) {
        assertThat(p.json().path("needs_attention").isNull()).isTrue();
        // Not due again until the next delay has passed.
        assertThat(h.gateway().reconcileNow()).isZero();
      }
    }
    assertThat(queries() - queriesBefore).isEqualTo(schedule.size());
    Reply flagged = fetch(id);
    assertThat(flagged.text("status")).as("never silently failed").isEqualTo("pending");
    assertThat(flagged.text("needs_attention")).contains("no final answer after 5 STK queries");
    assertThat(h.merchant().get("/v1/payments?needs_attention=true").json().path("data"))
        .extracting(p -> p.path("id").asText())
        .containsExactly(id);
    h.clock().advance(Duration.ofDays(2));
    assertThat(h.gateway().reconcileNow()).isZero();
    assertThat(pushes()).isEqualTo(1);
  }

  private long queries() {
    return h.admin("GET", "/counters", null).json().path("endpoints").path("stk_query").asLong();
  }

  @Test
  void aPushWhoseAnswerWasLostIsUnknownThenFlaggedAndNeverSentAgain() {
    h.dropNextAnswer("stk_push");
    // A number whose callback never comes: otherwise the callback, which names the payment on its
    // URL, may settle it before the reconciler looks
    // (aPushWhoseAnswerWasLostIsSettledByItsCallback…
    // in PaymentFlowTest covers that race's other side).
    Reply created = h.merchant().post("/v1/payments", payment("254700000404", 55));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("unknown");
    assertThat(created.json().path("failure").path("reason").asText())
        .contains("will not be sent again");

    h.clock().advance(Duration.ofMinutes(2));
    assertThat(h.gateway().reconcileNow()).isEqualTo(1);
    Reply flagged = fetch(created.text("id"));
    assertThat(flagged.text("status")).isEqualTo("unknown");
    assertThat(flagged.text("needs_attention"))
        .contains("cannot be queried")
        .contains("never be pushed again");
    for (int i = 0; i < 3; i++) {
      h.clock().advance(Duration.ofHours(2));
      h.gateway().reconcileNow();
    }
    assertThat(pushes()).as("sent once, even though its answer was lost").isEqualTo(1);
  }

  @Test
  void aPaymentLeftCreatedByACrashBecomesUnknownAndIsFlagged() {
    // The gateway recorded the payment, then died before recording Daraja's answer.
    String id = "pay_crashedBeforeAnswer01";
    long now = h.clock().millis();
    try (Database db = Database.open(h.databaseUrl(), Clock.systemUTC())) {
      Payment created =
          new Payment(
              id,
              PaymentStatus.CREATED,
              75,
              "254711200003",
              "INV-9",
              "Invoice 9",
              null,
              "174379",
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              now + Duration.ofMinutes(2).toMillis(),
              0,
              now,
              now,
              1);
      db.write(
          c -> {
            new PaymentStore(db).insert(c, created);
            return null;
          });
    }
    assertThat(fetch(id).text("status")).isEqualTo("pending");
    assertThat(h.gateway().reconcileNow()).isZero();
    h.clock().advance(Duration.ofMinutes(3));
    assertThat(h.gateway().reconcileNow()).isEqualTo(1);
    Reply flagged = fetch(id);
    assertThat(flagged.text("status")).isEqualTo("unknown");
    assertThat(flagged.text("needs_attention")).contains("settle it by hand");
    assertThat(pushes()).isZero();
  }

  @Test
  void aLateCallbackAfterReconciliationChangesNothingButIsKept() {
    h.admin("PUT", "/faults", "{\"callbacks\":{\"extraDelay\":\"2s\",\"kinds\":[\"stk\"]}}");
    String id = h.merchant().post("/v1/payments", payment("254700001032", 35)).text("id");
    promptsDecided();
    h.clock().advance(Duration.ofMinutes(2));
    h.gateway().reconcileNow();
    assertThat(fetch(id).text("status")).isEqualTo("cancelled");
    List<String> outcomes = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              outcomes.clear();
              h.merchant()
                  .get("/v1/callbacks")
                  .json()
                  .path("data")
                  .forEach(c -> outcomes.add(c.path("outcome").asText()));
              return !outcomes.isEmpty();
            });
    assertThat(outcomes).containsExactly("duplicate");
    assertThat(fetch(id).text("status")).isEqualTo("cancelled");
  }
}
