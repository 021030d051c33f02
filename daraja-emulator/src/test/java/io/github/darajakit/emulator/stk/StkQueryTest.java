package io.github.darajakit.emulator.stk;

import static io.github.darajakit.emulator.stk.Stk.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STK query: pending answers in both styles, final answers, and its own validation. */
class StkQueryTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private final Stk stk = new Stk(h);

  @Test
  void pendingPromptQueriedInCurrentStyleAnswers4999() {
    stk.settings("{\"stk\":{\"manualMode\":true}}");
    Reply ack = stk.push(stk.pushBody(Requests.TEST_MSISDN, 10));
    String checkoutRequestId = ack.text("CheckoutRequestID");

    Reply query = stk.query(checkoutRequestId);

    assertThat(query.status()).isEqualTo(200);
    assertThat(query.text("ResponseCode")).isEqualTo("0");
    assertThat(query.text("CheckoutRequestID")).isEqualTo(checkoutRequestId);
    assertThat(query.text("MerchantRequestID")).isEqualTo(ack.text("MerchantRequestID"));
    assertThat(query.json().path("ResultCode").isTextual()).isTrue();
    assertThat(query.text("ResultCode")).isEqualTo("4999");
    assertThat(query.text("ResultDesc")).isEqualTo("The transaction is still under processing");
  }

  @Test
  void pendingPromptQueriedInLegacyStyleIsHttp500BeingProcessed() {
    stk.settings("{\"stk\":{\"manualMode\":true,\"queryPendingStyle\":\"legacy\"}}");
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    Reply query = stk.query(checkoutRequestId);

    assertError(query, 500, "500.001.1001", "The transaction is being processed");
    assertThat(query.json().has("ResultCode")).isFalse();
  }

  @Test
  void legacyStyleStillAnswersTheFinalResultOnceDecided() {
    stk.settings("{\"stk\":{\"queryPendingStyle\":\"legacy\"}}");
    String checkoutRequestId = stk.accepted("254700001032", 10);
    stk.awaitCallback(checkoutRequestId);

    Reply query = stk.query(checkoutRequestId);

    assertThat(query.status()).isEqualTo(200);
    assertThat(query.text("ResultCode")).isEqualTo("1032");
    assertThat(query.text("ResultDesc")).isEqualTo("Request cancelled by user");
  }

  @Test
  void pendingPromptTurnsFinalWhenDecided() {
    stk.settings("{\"stk\":{\"manualMode\":true}}");
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);
    assertThat(stk.query(checkoutRequestId).text("ResultCode")).isEqualTo("4999");

    Reply decided =
        h.daraja().admin("POST", "stk/" + checkoutRequestId + "/approve", "{\"pin\":\"1234\"}");
    assertThat(decided.status()).isEqualTo(200);

    Reply query = stk.query(checkoutRequestId);
    assertThat(query.status()).isEqualTo(200);
    assertThat(query.text("ResultCode")).isEqualTo("0");
    assertThat(query.text("ResultDesc"))
        .isEqualTo("The service request is processed successfully.");
  }

  @ParameterizedTest(name = "push to {0} → query ResultCode \"{1}\" as the callback's {1}")
  @CsvSource({
    "254708374149, 0",
    "254700000001, 1",
    "254700001032, 1032",
    "254700001037, 1037",
    "254700002001, 2001",
    "254700000026, 26"
  })
  void finalQueryResultCodeIsTheCallbackResultCodeAsString(String phone, String code) {
    String checkoutRequestId = stk.accepted(phone, 10);
    JsonNode callback = stk.awaitCallback(checkoutRequestId);

    Reply query = stk.query(checkoutRequestId);

    assertThat(callback.path("ResultCode").isNumber()).isTrue();
    assertThat(callback.path("ResultCode").asText()).isEqualTo(code);
    assertThat(query.status()).isEqualTo(200);
    assertThat(query.json().path("ResultCode").isTextual()).isTrue();
    assertThat(query.text("ResultCode")).isEqualTo(code);
    assertThat(query.text("ResultDesc")).isEqualTo(callback.path("ResultDesc").asText());
    assertThat(query.text("ResponseCode")).isEqualTo("0");
    assertThat(query.text("ResponseDescription"))
        .as("sic: live Daraja spells it with three s's, unlike the portal's sample")
        .isEqualTo("The service request has been accepted successsfully");
    assertThat(query.text("MerchantRequestID"))
        .isEqualTo(callback.path("MerchantRequestID").asText());
  }

  @Test
  void queryingTwiceGivesTheSameFinalAnswerAndMovesNoMoreMoney() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);
    stk.awaitCallback(checkoutRequestId);

    Reply first = stk.query(checkoutRequestId);
    Reply second = stk.query(checkoutRequestId);

    assertThat(second.json()).isEqualTo(first.json());
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249990.00");
    assertThat(stk.transactions()).hasSize(1);
  }

  @Test
  void unknownCheckoutRequestIdIsInvalid() {
    Reply query = stk.query("ws_CO_01012025120000000708374149");

    assertError(query, 400, "400.002.02", "Bad Request - Invalid CheckoutRequestID");
  }

  @Test
  void checkoutRequestIdOfAnotherShortcodeIsInvalid() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);
    stk.awaitCallback(checkoutRequestId);

    Reply query = stk.queryAs("600500", checkoutRequestId);

    assertError(query, 400, "400.002.02", "Bad Request - Invalid CheckoutRequestID");
  }

  @Test
  void queryWithWrongPasswordIsWrongCredentials() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);
    ObjectNode body = Requests.stkQuery(checkoutRequestId);
    body.put(
        "Password", Requests.password(Requests.STK_SHORTCODE, "1".repeat(64), Requests.TIMESTAMP));

    Reply query = h.daraja().post(Stk.QUERY, body);

    assertError(query, 500, "500.001.1001", "Wrong credentials");
  }

  @Test
  void queryOnShortcodeWithoutPasskeyIsMerchantDoesNotExist() {
    Reply query = stk.queryAs("600992", "ws_CO_01012025120000000708374149");

    assertError(query, 500, "500.001.1001", "Merchant does not exist");
  }

  @ParameterizedTest(name = "missing {0} → Invalid {0}")
  @CsvSource({"BusinessShortCode", "Password", "Timestamp", "CheckoutRequestID"})
  void queryWithMissingFieldIsInvalid(String field) {
    ObjectNode body = Requests.stkQuery("ws_CO_01012025120000000708374149");
    body.remove(field);

    Reply query = h.daraja().post(Stk.QUERY, body);

    assertError(query, 400, "400.002.02", "Bad Request - Invalid " + field);
  }

  @Test
  void queryWithImpossibleTimestampIsInvalidTimestamp() {
    ObjectNode body = Requests.stkQuery("ws_CO_01012025120000000708374149");
    body.put("Timestamp", "20251399120000")
        .put(
            "Password",
            Requests.password(Requests.STK_SHORTCODE, Requests.PASSKEY, "20251399120000"));

    Reply query = h.daraja().post(Stk.QUERY, body);

    assertError(query, 400, "400.002.02", "Bad Request - Invalid Timestamp");
  }
}
