package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.payouts.PayoutRails;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Safety rails: limits, the allow-list and maker-checker are enforced before anything is sent. */
class PayoutRailsTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return GatewayHarness.makerChecker(
        gateway ->
            gateway.payoutRails(
                new PayoutRails(
                    5_000L,
                    20_000L,
                    12_000L,
                    Set.of("254708374149", "254711000001", "254711000002"),
                    8_000L)));
  }

  private long b2cCalls() {
    return h.admin("GET", "/counters", null).json().path("endpoints").path("b2c_v3").asLong();
  }

  private static String payout(String phone, long amount) {
    return "{\"phone\":\""
        + phone
        + "\",\"amount\":"
        + amount
        + ",\"type\":\"business\",\"remarks\":\"Payout\"}";
  }

  private static String batch(long... amounts) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < amounts.length; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"phone\":\"25471100000")
          .append(1 + i % 2)
          .append("\",\"amount\":")
          .append(amounts[i])
          .append('}');
    }
    return "{\"type\":\"business\",\"remarks\":\"Payout\",\"items\":[" + items + "]}";
  }

  @Test
  void aPayoutAboveTheMaximumOrToANumberNotAllowedIsRefusedAndNothingIsSent() {
    Reply tooMuch = h.merchant().post("/v1/payouts", payout("0708374149", 5_001));
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.json().at("/error/param").asText()).isEqualTo("amount");
    assertThat(tooMuch.json().at("/error/message").asText()).contains("payouts.maxPerPayout");

    Reply stranger = h.merchant().post("/v1/payouts", payout("0799000000", 100));
    assertThat(stranger.status()).isEqualTo(400);
    assertThat(stranger.json().at("/error/param").asText()).isEqualTo("phone");
    assertThat(stranger.json().at("/error/message").asText()).contains("allow-list");

    assertThat(h.merchant().post("/v1/payouts", payout("0708374149", 5_000)).status())
        .isEqualTo(201);
    assertThat(b2cCalls()).isEqualTo(1);
  }

  @Test
  void theDailyLimitCountsWhatWasPaidTodayAndNotWhatFailed() {
    assertThat(h.merchant().post("/v1/payouts", payout("0708374149", 5_000)).status())
        .isEqualTo(201);
    assertThat(h.merchant().post("/v1/payouts", payout("254711000001", 5_000)).status())
        .isEqualTo(201);
    Reply over = h.merchant().post("/v1/payouts", payout("254711000002", 2_001));
    assertThat(over.status()).isEqualTo(409);
    assertThat(over.json().at("/error/code").asText()).isEqualTo("daily_limit_exceeded");
    assertThat(h.merchant().post("/v1/payouts", payout("254711000002", 2_000)).status())
        .isEqualTo(201);
    assertThat(b2cCalls()).isEqualTo(3);

    // A new day in Nairobi starts the count again.
    h.clock().advance(Duration.ofDays(1));
    assertThat(h.merchant().post("/v1/payouts", payout("254711000002", 2_001)).status())
        .isEqualTo(201);
  }

  @Test
  void aBatchAboveTheBatchMaximumIsRefusedWithEveryRowStillChecked() {
    Reply refused = h.merchant().post("/v1/payout-batches", batch(5_000, 5_000, 5_000, 5_001));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/rows/0/row").asInt()).isEqualTo(4);
    Reply tooBig = h.merchant().post("/v1/payout-batches", batch(5_000, 5_000, 5_000, 5_000, 10));
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(tooBig.json().at("/error/message").asText()).contains("payouts.maxPerBatch");
    assertThat(h.merchant().get("/v1/payout-batches").json().path("data")).isEmpty();
  }

  @Test
  void aLargeBatchNeedsASecondKeyToApproveIt() {
    String id = h.merchant().post("/v1/payout-batches", batch(5_000, 4_000)).text("id");

    Reply confirm = h.merchant().post("/v1/payout-batches/" + id + "/confirm", "{}");
    assertThat(confirm.status()).isEqualTo(409);
    assertThat(confirm.json().at("/error/code").asText()).isEqualTo("approval_required");
    Reply selfApproval = h.merchant().post("/v1/payout-batches/" + id + "/approve", "{}");
    assertThat(selfApproval.status()).isEqualTo(409);
    assertThat(selfApproval.json().at("/error/code").asText()).isEqualTo("approver_is_maker");
    h.gateway().sendPayoutBatchesNow();
    assertThat(b2cCalls()).as("nothing sent before approval").isZero();

    Reply approved = h.checker().post("/v1/payout-batches/" + id + "/approve", "{}");
    assertThat(approved.status()).as(approved.json().toString()).isEqualTo(200);
    assertThat(approved.text("status")).isEqualTo("sending");
    h.gateway().sendPayoutBatchesNow();
    assertThat(b2cCalls()).isEqualTo(2);
  }

  @Test
  void confirmingABatchThatWouldBreakTheDailyLimitIsRefused() {
    assertThat(h.merchant().post("/v1/payouts", payout("0708374149", 5_000)).status())
        .isEqualTo(201);
    String id = h.merchant().post("/v1/payout-batches", batch(4_000, 4_000)).text("id");
    Reply refused = h.merchant().post("/v1/payout-batches/" + id + "/confirm", "{}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/error/code").asText()).isEqualTo("daily_limit_exceeded");
    assertThat(h.merchant().get("/v1/payout-batches/" + id).text("status"))
        .isEqualTo("awaiting_confirmation");
  }
}
