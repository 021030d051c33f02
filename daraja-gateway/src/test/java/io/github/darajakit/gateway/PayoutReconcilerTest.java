package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payouts whose Result never comes, or whose answer was lost, are settled by Transaction Status
 * (with an injected clock, not sleeps), and are never sent again; what cannot be settled goes to a
 * person.
 */
class PayoutReconcilerTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  /** Emulator: the B2C succeeds and its Result is never sent; Transaction Status finds it. */
  private static final String RESULT_NEVER_SENT = "254700000404";

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

  private long calls(String endpoint) {
    return h.admin("GET", "/counters", null).json().path("endpoints").path(endpoint).asLong();
  }

  private long ledgerEntriesFor(String phone) {
    return h.admin("GET", "/transactions?party=" + phone + "&limit=100", null)
        .json()
        .path("transactions")
        .size();
  }

  @Test
  void aPayoutWhoseResultNeverComesIsSettledByTransactionStatus() {
    Reply created = h.merchant().post("/v1/payouts", payout(RESULT_NEVER_SENT, 400));
    assertThat(created.text("status")).isEqualTo("pending");
    String id = created.text("id");

    assertThat(h.gateway().reconcileNow()).as("nothing is due before the Result wait").isZero();
    h.clock().advance(Duration.ofMinutes(3));
    h.gateway().reconcileNow();
    assertThat(calls("transaction_status")).isEqualTo(1);

    Reply paid =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> fetch(id), r -> r.text("status").equals("succeeded"));
    assertThat(paid.text("mpesa_receipt")).matches("[A-Z0-9]{10}");
    assertThat(paid.json().path("needs_attention").isNull()).isTrue();
    assertThat(calls("b2c_v3")).as("sent once").isEqualTo(1);
    assertThat(ledgerEntriesFor(RESULT_NEVER_SENT)).as("paid once").isEqualTo(1);

    // Settled: later rounds leave it alone.
    h.clock().advance(Duration.ofHours(2));
    h.gateway().reconcileNow();
    assertThat(calls("transaction_status")).isEqualTo(1);
  }

  @Test
  void anUnknownPayoutIsAskedAboutNeverResentAndSettledByTheEvidence() {
    h.dropNextAnswer("b2c_v3");
    Reply created = h.merchant().post("/v1/payouts", payout(RESULT_NEVER_SENT, 250));
    assertThat(created.text("status")).isEqualTo("unknown");
    String id = created.text("id");

    h.clock().advance(Duration.ofMinutes(3));
    h.gateway().reconcileNow();
    Reply settled =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> fetch(id), r -> r.text("status").equals("succeeded"));
    assertThat(settled.text("mpesa_receipt")).isNotBlank();
    assertThat(calls("b2c_v3")).isEqualTo(1);
    assertThat(ledgerEntriesFor(RESULT_NEVER_SENT)).isEqualTo(1);
    assertThat(h.merchant().get("/v1/events?object_id=" + id).json().path("data"))
        .extracting(e -> e.path("type").asText())
        .containsExactly("payout.succeeded", "payout.unknown", "payout.created");
  }

  @Test
  void whenTransactionStatusNeverAnswersThePayoutGoesToAPersonAndIsNeverResent() {
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_drop\",\"count\":1},"
            + "{\"endpoint\":\"transaction_status\",\"mode\":\"reject\",\"rate\":1.0,"
            + "\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Internal Server Error\"}]}");
    String id = h.merchant().post("/v1/payouts", payout(RESULT_NEVER_SENT, 300)).text("id");

    for (int round = 0; round < 10; round++) {
      h.clock().advance(Duration.ofHours(2));
      h.gateway().reconcileNow();
    }
    Reply flagged = fetch(id);
    assertThat(flagged.text("status")).isEqualTo("unknown");
    assertThat(flagged.text("needs_attention"))
        .contains("Transaction Status")
        .contains(flagged.text("originator_conversation_id"))
        .contains("never be sent again");
    assertThat(calls("b2c_v3")).isEqualTo(1);
    assertThat(h.merchant().get("/v1/events?type=payout.needs_attention").json().path("data"))
        .hasSize(1);
    assertThat(h.merchant().get("/v1/payouts?needs_attention=true").json().path("data"))
        .extracting(p -> p.path("id").asText())
        .containsExactly(id);
  }
}
