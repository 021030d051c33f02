package io.github.darajakit.emulator.stk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Manual mode: prompts wait for the admin API to answer them as the customer would. */
class StkManualModeTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness(c -> c.stkManualMode(true));

  private final Stk stk = new Stk(h);

  @Test
  void pendingPromptIsListedWithItsRequestDetails() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 42);

    JsonNode pending = stk.pendingPrompts();

    assertThat(pending).hasSize(1);
    JsonNode prompt = pending.get(0);
    assertThat(prompt.path("checkoutRequestId").asText()).isEqualTo(checkoutRequestId);
    assertThat(prompt.path("status").asText()).isEqualTo("pending");
    assertThat(prompt.path("phoneNumber").asText()).isEqualTo(Requests.TEST_MSISDN);
    assertThat(prompt.path("businessShortCode").asText()).isEqualTo(Requests.STK_SHORTCODE);
    assertThat(prompt.path("amount").asLong()).isEqualTo(42);
    assertThat(prompt.path("accountReference").asText()).isEqualTo("accountref");
    assertThat(prompt.path("transactionType").asText()).isEqualTo("CustomerPayBillOnline");
    assertThat(prompt.has("resultCode")).isFalse();
    assertThat(stk.query(checkoutRequestId).text("ResultCode")).isEqualTo("4999");
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
  }

  @Test
  void pendingListLeavesOutDecidedPrompts() {
    String decided = stk.accepted(Requests.TEST_MSISDN, 10);
    approve(decided, null);
    String waiting = stk.accepted("254711000333", 10);

    JsonNode pending = stk.pendingPrompts();

    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).path("checkoutRequestId").asText()).isEqualTo(waiting);
    assertThat(stk.prompts()).hasSize(2);
  }

  @Test
  void approvedPromptMovesMoneyAndSendsTheSuccessCallback() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 42);

    Reply decided = approve(checkoutRequestId, null);

    assertThat(decided.status()).isEqualTo(200);
    assertThat(decided.text("status")).isEqualTo("succeeded");
    assertThat(decided.text("resultCode")).isEqualTo("0");
    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").asInt()).isZero();
    JsonNode items = callback.path("CallbackMetadata").path("Item");
    assertThat(items.get(0).path("Value").decimalValue()).isEqualByComparingTo("42");
    assertThat(items.get(1).path("Value").asText()).isEqualTo(decided.text("receipt"));
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249958.00");
    assertThat(stk.utilityBalance(Requests.STK_SHORTCODE)).isEqualTo("42.00");
    assertThat(stk.pendingPrompts()).isEmpty();
  }

  @ParameterizedTest(name = "{0} → {1} \"{2}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "cancel    | 1032 | Request cancelled by user",
        "timeout   | 1037 | No response from user.",
        "wrong-pin | 2001 | The initiator information is invalid."
      })
  void declinedPromptSendsItsFailureCallbackAndMovesNoMoney(String action, int code, String desc) {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 42);

    Reply decided = h.daraja().admin("POST", "stk/" + checkoutRequestId + "/" + action, null);

    assertThat(decided.status()).isEqualTo(200);
    assertThat(decided.text("status")).isEqualTo("failed");
    assertThat(decided.text("resultCode")).isEqualTo(String.valueOf(code));
    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(code);
    assertThat(callback.path("ResultDesc").asText()).isEqualTo(desc);
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(stk.query(checkoutRequestId).text("ResultCode")).isEqualTo(String.valueOf(code));
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
    assertThat(stk.transactions()).isEmpty();
  }

  @Test
  void approvalWithTheCustomersPinSucceeds() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    approve(checkoutRequestId, "1234");

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249990.00");
  }

  @Test
  void approvalWithAWrongPinFailsWith2001() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    Reply decided = approve(checkoutRequestId, "0000");

    assertThat(decided.text("resultCode")).isEqualTo("2001");
    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(2001);
    assertThat(callback.path("ResultDesc").asText())
        .isEqualTo("The initiator information is invalid.");
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
  }

  @Test
  void approvalStillRespectsTheCustomersBalance() {
    String checkoutRequestId = stk.accepted("254700000001", 10);

    approve(checkoutRequestId, "1234");

    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(1);
    assertThat(stk.customerBalance("254700000001")).isEqualTo("0.00");
  }

  @Test
  void scenarioNumbersWaitForTheAdminInManualMode() {
    String checkoutRequestId = stk.accepted("254700001032", 10);

    assertThat(stk.pendingPrompts()).hasSize(1);
    approve(checkoutRequestId, null);

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
    assertThat(stk.customerBalance("254700001032")).isEqualTo("99990.00");
  }

  @Test
  void ruleLimitedPushIsRefusedByMpesaWithoutWaitingForTheCustomer() {
    stk.settings("{\"stk\":{\"ruleLimitWindow\":\"2m\"}}");
    String first = stk.accepted(Requests.TEST_MSISDN, 10);
    approve(first, null);
    assertThat(stk.awaitCallback(first).path("ResultCode").asInt()).isZero();

    String second = stk.accepted(Requests.TEST_MSISDN, 10);

    JsonNode callback = stk.awaitCallback(second);
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(17);
    assertThat(callback.path("ResultDesc").asText()).isEqualTo("Rule limited.");
    assertThat(stk.pendingPrompts()).isEmpty();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249990.00");
  }

  @Test
  void decidingTwiceIsAConflictAndSendsExactlyOneCallback() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);
    assertThat(approve(checkoutRequestId, null).status()).isEqualTo(200);

    Reply again = h.daraja().admin("POST", "stk/" + checkoutRequestId + "/cancel", null);
    Reply approveAgain = approve(checkoutRequestId, null);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text("error")).contains(checkoutRequestId);
    assertThat(approveAgain.status()).isEqualTo(409);
    assertThat(stk.deliveries("stk")).hasSize(1);
    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
    assertThat(stk.callbacksFor(checkoutRequestId)).isEqualTo(1);
    assertThat(stk.query(checkoutRequestId).text("ResultCode")).isEqualTo("0");
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249990.00");
  }

  @Test
  void decidingAnUnknownPromptIsAConflict() {
    Reply decided = approve("ws_CO_01012025120000000708374149", null);

    assertThat(decided.status()).isEqualTo(409);
    assertThat(stk.deliveries("stk")).isEmpty();
  }

  @Test
  void unknownActionIsNotFoundAndLeavesThePromptPending() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    Reply decided = h.daraja().admin("POST", "stk/" + checkoutRequestId + "/ignore", null);

    assertThat(decided.status()).isEqualTo(404);
    assertThat(decided.text("error")).contains("approve", "cancel", "timeout", "wrong-pin");
    assertThat(stk.pendingPrompts()).hasSize(1);
  }

  @Test
  void unansweredPromptTimesOutWith1037() {
    stk.settings("{\"stk\":{\"promptTimeout\":\"300ms\"}}");
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    JsonNode callback = stk.awaitCallback(checkoutRequestId);

    assertThat(callback.path("ResultCode").asInt()).isEqualTo(1037);
    assertThat(callback.path("ResultDesc").asText()).isEqualTo("No response from user.");
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(stk.pendingPrompts()).isEmpty();
    assertThat(approve(checkoutRequestId, null).status()).isEqualTo(409);
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
    assertThat(stk.callbacksFor(checkoutRequestId)).isEqualTo(1);
  }

  @Test
  void promptDecidedBeforeItsTimeoutSendsNoTimeoutCallback() {
    // Long enough for the approval to come first even on a cold JVM.
    stk.settings("{\"stk\":{\"promptTimeout\":\"1s\"}}");
    String decided = stk.accepted(Requests.TEST_MSISDN, 10);
    assertThat(approve(decided, null).status()).isEqualTo(200);

    // A second prompt left to time out: its 1037 comes after the first one's timer has fired.
    String timedOut = stk.accepted("254711000444", 10);
    assertThat(stk.awaitCallback(timedOut).path("ResultCode").asInt()).isEqualTo(1037);

    assertThat(stk.callbacksFor(decided)).isEqualTo(1);
    assertThat(stk.awaitCallback(decided).path("ResultCode").asInt()).isZero();
    assertThat(stk.deliveries("stk")).hasSize(2);
  }

  @Test
  void resetDropsPendingPromptsWithoutCallbacksOrMoneyMoving() {
    // Long enough for the reset to come first even on a cold JVM.
    stk.settings("{\"stk\":{\"promptTimeout\":\"1s\"}}");
    String dropped = stk.accepted(Requests.TEST_MSISDN, 10);

    assertThat(h.daraja().admin("POST", "reset", null).status()).isEqualTo(200);
    h.daraja().forgetToken();
    assertThat(stk.prompts()).isEmpty();

    // A prompt pushed after the reset times out after the dropped one would have.
    stk.settings("{\"stk\":{\"promptTimeout\":\"1s\"}}");
    String later = stk.accepted("254711000555", 10);
    assertThat(stk.awaitCallback(later).path("ResultCode").asInt()).isEqualTo(1037);

    assertThat(stk.callbacksFor(dropped)).isZero();
    assertThat(stk.deliveries("stk")).hasSize(1);
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
  }

  private Reply approve(String checkoutRequestId, String pin) {
    return h.daraja()
        .admin(
            "POST",
            "stk/" + checkoutRequestId + "/approve",
            pin == null ? null : "{\"pin\":\"" + pin + "\"}");
  }
}
