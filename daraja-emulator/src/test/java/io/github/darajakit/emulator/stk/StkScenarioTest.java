package io.github.darajakit.emulator.stk;

import static io.github.darajakit.emulator.stk.Stk.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every STK outcome on demand: the magic MSISDNs of the scenario table, and the outcomes that
 * follow from balances, limits and settings.
 */
class StkScenarioTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private final Stk stk = new Stk(h);

  /** The numbers of the parameterized table below. */
  private static final List<String> FAILING_SCENARIOS =
      List.of(
          "254700000001",
          "254700001032",
          "254700001037",
          "254700002001",
          "254700001019",
          "254700000017",
          "254700000026",
          "254700001025");

  @ParameterizedTest(name = "{0} → ResultCode {1} \"{2}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "254700000001 | 1    | The balance is insufficient for the transaction.",
        "254700001032 | 1032 | Request cancelled by user",
        "254700001037 | 1037 | DS timeout user cannot be reached",
        "254700002001 | 2001 | The initiator information is invalid.",
        "254700001019 | 1019 | Transaction has expired.",
        "254700000017 | 17   | Rule limited.",
        "254700000026 | 26   | System busy. The service request is rejected.",
        "254700001025 | 1025 | An error occurred while sending a push request."
      })
  void scenarioNumberFailsWithItsResultCodeWithoutMetadataOrMoneyMoving(
      String phone, int code, String desc) {
    String customerBefore = stk.customerBalance(phone);

    String checkoutRequestId = stk.accepted(phone, 10);

    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").isNumber()).isTrue();
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(code);
    assertThat(callback.path("ResultDesc").asText()).isEqualTo(desc);
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(callback.path("CheckoutRequestID").asText()).isEqualTo(checkoutRequestId);
    assertThat(stk.customerBalance(phone)).isEqualTo(customerBefore);
    assertThat(stk.utilityBalance(Requests.STK_SHORTCODE)).isEqualTo("0.00");
    assertThat(stk.transactions()).isEmpty();
    Reply query = stk.query(checkoutRequestId);
    assertThat(query.text("ResultCode")).isEqualTo(String.valueOf(code));
    assertThat(query.text("ResultDesc")).isEqualTo(desc);
    JsonNode prompt = h.daraja().adminGet("stk/" + checkoutRequestId);
    assertThat(prompt.path("status").asText()).isEqualTo("failed");
    assertThat(prompt.path("receipt").isNull()).isTrue();
  }

  @Test
  void busySubscriberNumberIsRejectedSynchronouslyWithoutASession() {
    Reply reply = stk.push(stk.pushBody("254700001001", 10));

    assertError(
        reply,
        500,
        "500.001.1001",
        "Unable to lock subscriber, a transaction is already in process for the current"
            + " subscriber");
    assertThat(stk.prompts()).isEmpty();
    assertThat(stk.customerBalance("254700001001")).isEqualTo("100000.00");
  }

  @Test
  void lostCallbackNumberSucceedsButNoCallbackIsEverDelivered() {
    String lost = stk.accepted("254700000404", 10);
    Awaitility.await()
        .until(() -> stk.query(lost).text("ResultCode"), code -> !code.equals("4999"));
    // A later push's callback proves the lost one's chance to be sent has passed.
    String later = stk.accepted(Requests.TEST_MSISDN, 10);
    stk.awaitCallback(later);

    Reply query = stk.query(lost);
    assertThat(query.text("ResultCode")).isEqualTo("0");
    assertThat(query.text("ResultDesc"))
        .isEqualTo("The service request is processed successfully.");
    assertThat(stk.callbacksFor(lost)).isZero();
    JsonNode deliveries = stk.deliveries("stk");
    assertThat(deliveries).hasSize(1);
    assertThat(Stk.stkCallback(deliveries.get(0).path("body")).path("CheckoutRequestID").asText())
        .isEqualTo(later);
    assertThat(stk.customerBalance("254700000404")).isEqualTo("99990.00");
    assertThat(stk.utilityBalance(Requests.STK_SHORTCODE)).isEqualTo("20.00");
    String receipt = h.daraja().adminGet("stk/" + lost).path("receipt").asText();
    assertThat(h.daraja().adminGet("transactions/" + receipt).path("amount").asText())
        .isEqualTo("10.00");
  }

  @Test
  void everyStkScenarioPublishedByTheAdminApiIsCoveredHere() {
    JsonNode scenarios = h.daraja().adminGet("scenarios").path("scenarios");
    List<String> special = new ArrayList<>();
    for (JsonNode scenario : scenarios) {
      if (!scenario.path("stk").asText().equals("success (balances and limits permitting)")) {
        special.add(scenario.path("msisdn").asText());
      } else if (FAILING_SCENARIOS.contains(scenario.path("msisdn").asText())) {
        // Insufficient funds is natural: the number's opening balance is zero.
        assertThat(scenario.path("openingBalance").asLong()).isZero();
      }
    }

    List<String> covered = new ArrayList<>(FAILING_SCENARIOS);
    covered.remove("254700000001");
    covered.add("254700001001"); // synchronous busy, tested separately
    covered.add("254700000404"); // lost callback, tested separately
    assertThat(special).containsExactlyInAnyOrderElementsOf(covered);
  }

  @Test
  void amountAboveMaximumFailsWithResultCode3() {
    stk.settings("{\"stk\":{\"maxAmount\":100}}");

    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 101);

    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(3);
    assertThat(callback.path("ResultDesc").asText())
        .isEqualTo("Declined due to limit rule: greater than the maximum transaction amount.");
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
  }

  @Test
  void amountAtMaximumSucceeds() {
    stk.settings("{\"stk\":{\"maxAmount\":100}}");

    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 100);

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249900.00");
  }

  @Test
  void amountAboveCustomerBalanceFailsWithResultCode1() {
    Reply set =
        h.daraja()
            .admin("PUT", "customers/" + Requests.TEST_MSISDN + "/balance", "{\"balance\":\"9\"}");
    assertThat(set.status()).isEqualTo(200);

    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(1);
    assertThat(callback.path("ResultDesc").asText())
        .isEqualTo("The balance is insufficient for the transaction.");
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("9.00");
    assertThat(stk.transactions()).isEmpty();
  }

  @Test
  void amountEqualToCustomerBalanceEmptiesTheWallet() {
    h.daraja().admin("PUT", "customers/" + Requests.TEST_MSISDN + "/balance", "{\"balance\":10}");

    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("0.00");
  }

  @Test
  void paymentBeyondTheDailyLimitFailsWithResultCode4() {
    stk.settings("{\"customers\":{\"dailyLimit\":15}}");
    String first = stk.accepted(Requests.TEST_MSISDN, 10);
    assertThat(stk.awaitCallback(first).path("ResultCode").asInt()).isZero();

    String second = stk.accepted(Requests.TEST_MSISDN, 6);

    JsonNode callback = stk.awaitCallback(second);
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(4);
    assertThat(callback.path("ResultDesc").asText())
        .isEqualTo("Declined due to limit rule: would exceed daily transfer limit.");
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249990.00");
  }

  @Test
  void sameAmountPushedAgainWithinTheRuleLimitWindowIsRuleLimited() {
    stk.settings("{\"stk\":{\"ruleLimitWindow\":\"2m\"}}");
    String first = stk.accepted(Requests.TEST_MSISDN, 10);
    assertThat(stk.awaitCallback(first).path("ResultCode").asInt()).isZero();

    String second = stk.accepted(Requests.TEST_MSISDN, 10);

    JsonNode callback = stk.awaitCallback(second);
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(17);
    assertThat(callback.path("ResultDesc").asText()).isEqualTo("Rule limited.");
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249990.00");
    assertThat(stk.transactions()).hasSize(1);
  }

  @Test
  void differentAmountWithinTheRuleLimitWindowIsNotRuleLimited() {
    stk.settings("{\"stk\":{\"ruleLimitWindow\":\"2m\"}}");
    String first = stk.accepted(Requests.TEST_MSISDN, 10);
    stk.awaitCallback(first);

    String second = stk.accepted(Requests.TEST_MSISDN, 11);

    assertThat(stk.awaitCallback(second).path("ResultCode").asInt()).isZero();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249979.00");
  }

  @Test
  void sameAmountAfterTheRuleLimitWindowIsNotRuleLimited() {
    stk.settings("{\"stk\":{\"ruleLimitWindow\":\"2m\"}}");
    String first = stk.accepted(Requests.TEST_MSISDN, 10);
    stk.awaitCallback(first);
    Reply advanced = h.daraja().admin("POST", "clock/advance", "{\"by\":\"3m\"}");
    assertThat(advanced.status()).isEqualTo(200);

    String second = stk.accepted(Requests.TEST_MSISDN, 10);

    assertThat(stk.awaitCallback(second).path("ResultCode").asInt()).isZero();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249980.00");
  }

  @Test
  void ruleLimitIsOffByDefault() {
    String first = stk.accepted(Requests.TEST_MSISDN, 10);
    stk.awaitCallback(first);

    String second = stk.accepted(Requests.TEST_MSISDN, 10);

    assertThat(stk.awaitCallback(second).path("ResultCode").asInt()).isZero();
  }

  @Test
  void sandboxRealismAnswersE3008ForOtherNumbersAndSendsNoCallback() {
    stk.settings("{\"stk\":{\"sandboxRealism\":true}}");

    String other = stk.accepted("254700001032", 10);

    Reply query = stk.query(other);
    assertThat(query.status()).isEqualTo(200);
    assertThat(query.text("ResultCode")).isEqualTo("E3008");
    assertThat(query.text("ResultDesc")).isEqualTo("Error, the user has a bad debt contract.");
    // The test MSISDN still works; its callback proves the other one's chance has passed.
    String test = stk.accepted(Requests.TEST_MSISDN, 10);
    assertThat(stk.awaitCallback(test).path("ResultCode").asInt()).isZero();
    assertThat(stk.callbacksFor(other)).isZero();
    assertThat(stk.deliveries("stk")).hasSize(1);
    assertThat(stk.customerBalance("254700001032")).isEqualTo("100000.00");
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249990.00");
  }

  @Test
  void sandboxRealismDoesNotHoldTheSubscriberLock() {
    stk.settings("{\"stk\":{\"sandboxRealism\":true}}");
    stk.accepted("254711000222", 10);

    String again = stk.accepted("254711000222", 11);

    assertThat(stk.query(again).text("ResultCode")).isEqualTo("E3008");
  }

  @Test
  void timestampFarFromNowIsInvalidWhenAToleranceIsSet() {
    stk.settings("{\"stk\":{\"timestampTolerance\":\"1h\"}}");

    Reply fixedPast = stk.push(stk.pushBody(Requests.TEST_MSISDN, 10));
    Reply sixHoursAhead = stk.push(stk.pushAt(Requests.TEST_MSISDN, 10, Stk.nowEat().plusHours(6)));

    assertError(fixedPast, 400, "400.002.02", "Bad Request - Invalid Timestamp");
    assertError(sixHoursAhead, 400, "400.002.02", "Bad Request - Invalid Timestamp");
    assertThat(stk.prompts()).isEmpty();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
  }

  @Test
  void currentEatTimestampPassesTheTolerance() {
    stk.settings("{\"stk\":{\"timestampTolerance\":\"1h\"}}");

    String checkoutRequestId = stk.accepted(stk.pushAt(Requests.TEST_MSISDN, 10, Stk.nowEat()));

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
  }

  @Test
  void queryTimestampIsHeldToTheSameTolerance() {
    stk.settings("{\"stk\":{\"timestampTolerance\":\"1h\"}}");
    String checkoutRequestId = stk.accepted(stk.pushAt(Requests.TEST_MSISDN, 10, Stk.nowEat()));

    // Requests.stkQuery signs with a fixed 2025 timestamp.
    Reply stale = stk.query(checkoutRequestId);

    assertError(stale, 400, "400.002.02", "Bad Request - Invalid Timestamp");
  }

  @Test
  void currentUtcTimestampPassesTheTolerance() {
    stk.settings("{\"stk\":{\"timestampTolerance\":\"1h\"}}");

    String checkoutRequestId = stk.accepted(stk.pushAt(Requests.TEST_MSISDN, 10, Stk.nowUtc()));

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
  }

  @Test
  void anyValidTimestampPassesWithoutATolerance() {
    String checkoutRequestId =
        stk.accepted(stk.pushAt(Requests.TEST_MSISDN, 10, Stk.nowEat().minusYears(3)));

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
  }
}
