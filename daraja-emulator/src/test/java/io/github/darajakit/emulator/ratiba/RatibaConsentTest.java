package io.github.darajakit.emulator.ratiba;

import static io.github.darajakit.emulator.support.DarajaAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The customer's consent: an STK prompt decided by the scenario table, and its callback. */
class RatibaConsentTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private final Ratiba ratiba = new Ratiba(h);

  @Test
  void consentCallbackOnSuccessIsCamelCaseAsDocumentedAndTheOrderIsActive() {
    String ref = ratiba.accepted(ratiba.body("Rent", Requests.TEST_MSISDN));

    JsonNode callback = ratiba.awaitCallback(ref);

    assertThat(fieldNames(callback)).containsExactly("responseHeader", "responseBody");
    JsonNode header = callback.path("responseHeader");
    assertThat(fieldNames(header))
        .containsExactly("responseRefID", "requestRefID", "responseCode", "responseDescription");
    assertThat(header.path("responseRefID").asText()).isEqualTo(ref);
    assertThat(header.path("requestRefID").asText()).isEqualTo(ref);
    assertThat(header.path("responseCode").asText()).isEqualTo("0");
    assertThat(header.path("responseDescription").asText())
        .isEqualTo("The service request is processed successfully");
    JsonNode data = callback.path("responseBody").path("responseData");
    assertThat(fieldNames(callback.path("responseBody"))).containsExactly("responseData");
    assertThat(data).hasSize(4);
    for (JsonNode item : data) {
      assertThat(fieldNames(item)).containsExactly("name", "value");
    }
    assertThat(data.get(0).path("name").asText()).isEqualTo("TransactionID");
    String transactionId = data.get(0).path("value").asText();
    assertThat(transactionId).matches("[A-Z][A-L][A-Z0-9]{8}");
    assertThat(data.get(1).path("name").asText()).isEqualTo("responseCode");
    assertThat(data.get(1).path("value").asText()).isEqualTo("0");
    assertThat(data.get(2).path("name").asText()).isEqualTo("Status");
    assertThat(data.get(2).path("value").asText()).isEqualTo("OKAY");
    assertThat(data.get(3).path("name").asText()).isEqualTo("Msisdn");
    assertThat(data.get(3).path("value").asText()).isEqualTo("254******149");

    JsonNode order = ratiba.order(transactionId);
    assertThat(order.path("status").asText()).isEqualTo("active");
    assertThat(order.path("name").asText()).isEqualTo("Rent");
    assertThat(order.path("msisdn").asText()).isEqualTo(Requests.TEST_MSISDN);
    assertThat(order.path("businessShortCode").asText()).isEqualTo(Requests.SHORTCODE);
    assertThat(order.path("amount").asLong()).isEqualTo(4500);
    assertThat(order.path("frequency").asText()).isEqualTo("2");
    assertThat(order.path("responseRefId").asText()).isEqualTo(ref);
    assertThat(order.path("debits")).isEmpty();
    assertThat(h.daraja().adminGet("state").path("standingOrders").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "254700001032, 1032",
    "254700001037, 1037",
    "254700002001, 2001",
    "254700001025, 1025",
    "254700001001, 1001"
  })
  void magicNumbersFailWithThePascalCaseCallbackAsDocumented(String msisdn, String code) {
    String ref = ratiba.accepted(ratiba.body("Rent", msisdn));

    JsonNode callback = ratiba.awaitCallback(ref);

    assertFailure(callback, ref, code, msisdn);
    assertThat(ratiba.orders()).isEmpty();
  }

  static void assertFailure(JsonNode callback, String ref, String code, String msisdn) {
    assertThat(fieldNames(callback)).containsExactly("ResponseHeader", "ResponseBody");
    JsonNode header = callback.path("ResponseHeader");
    assertThat(fieldNames(header))
        .containsExactly("responseRefID", "requestRefID", "responseCode", "responseDescription");
    assertThat(header.path("responseRefID").asText()).isEqualTo(ref);
    assertThat(header.path("responseCode").asText()).isEqualTo(code);
    assertThat(header.path("responseDescription").asText()).isEqualTo("Error");
    assertThat(fieldNames(callback.path("ResponseBody"))).containsExactly("ResponseData");
    JsonNode data = callback.path("ResponseBody").path("ResponseData");
    assertThat(data).hasSize(4);
    List<String> names = List.of("TransactionID", "responseCode", "Status", "Msisdn");
    List<String> values = List.of("0000000000", code, "ERROR", "*********" + msisdn.substring(9));
    for (int i = 0; i < 4; i++) {
      assertThat(fieldNames(data.get(i))).containsExactly("Name", "Value");
      assertThat(data.get(i).path("Name").asText()).isEqualTo(names.get(i));
      assertThat(data.get(i).path("Value").asText()).isEqualTo(values.get(i));
    }
  }

  @Test
  void callbackLostNumberConsentsButNoCallbackIsSent() throws Exception {
    ratiba.accepted(ratiba.body("Rent", "254700000404"));

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ratiba.orders().size() == 1);
    Thread.sleep(200);
    assertThat(h.receiver().on(Ratiba.CALLBACK)).isEmpty();
    assertThat(ratiba.orders().get(0).path("status").asText()).isEqualTo("active");
  }

  @Test
  void aNumberWithAPromptPendingGets1001() {
    ratiba.settings("{\"stk\":{\"manualMode\":true}}");
    String first = ratiba.accepted(ratiba.body("Rent", Requests.TEST_MSISDN));
    String second = ratiba.accepted(ratiba.body("Water", Requests.TEST_MSISDN));

    assertFailure(ratiba.awaitCallback(second), second, "1001", Requests.TEST_MSISDN);
    assertThat(h.daraja().adminGet("stk?status=pending").path("prompts")).hasSize(1);
    assertThat(h.receiver().on(Ratiba.CALLBACK)).hasSize(1);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void aStkPushWhileTheConsentPromptIsPendingIsRefusedAsBusy() {
    ratiba.settings("{\"stk\":{\"manualMode\":true}}");
    ratiba.accepted(ratiba.body("Rent", Requests.TEST_MSISDN));

    var push =
        h.daraja()
            .post(
                "/mpesa/stkpush/v1/processrequest",
                Requests.stkPush(Requests.TEST_MSISDN, 1, h.url("/stk")));

    assertThat(push.text("errorCode")).isEqualTo("500.001.1001");
  }

  @Test
  void inManualModeAPersonDecidesTheConsentPromptAsAnStkPrompt() {
    ratiba.settings("{\"stk\":{\"manualMode\":true}}");
    String ref = ratiba.accepted(ratiba.body("Rent", Requests.TEST_MSISDN));
    JsonNode prompt = h.daraja().adminGet("stk?status=pending").path("prompts").get(0);
    assertThat(prompt.path("purpose").asText()).isEqualTo("standing_order_consent");
    assertThat(prompt.path("transactionType").asText())
        .isEqualTo("Standing Order Customer Pay Bill");
    assertThat(prompt.path("amount").asLong()).isEqualTo(4500);

    var decided =
        h.daraja()
            .admin(
                "POST",
                "stk/" + prompt.path("checkoutRequestId").asText() + "/approve",
                "{\"pin\":\"1234\"}");

    assertThat(decided.status()).isEqualTo(200);
    assertThat(decided.text("resultCode")).isEqualTo("0");
    JsonNode callback = ratiba.awaitCallback(ref);
    assertThat(callback.path("responseHeader").path("responseCode").asText()).isEqualTo("0");
    assertThat(ratiba.orders()).hasSize(1);
  }

  @Test
  void inManualModeCancellingTheConsentPromptGives1032() {
    ratiba.settings("{\"stk\":{\"manualMode\":true}}");
    String ref = ratiba.accepted(ratiba.body("Rent", Requests.TEST_MSISDN));
    String checkout =
        h.daraja()
            .adminGet("stk?status=pending")
            .path("prompts")
            .get(0)
            .path("checkoutRequestId")
            .asText();

    h.daraja().admin("POST", "stk/" + checkout + "/cancel", null);

    assertFailure(ratiba.awaitCallback(ref), ref, "1032", Requests.TEST_MSISDN);
    assertThat(ratiba.orders()).isEmpty();
  }

  @Test
  void aNameTheCustomerAlreadyUsedGives1050() {
    ratiba.active(ratiba.body("Rent", Requests.TEST_MSISDN));

    String again = ratiba.accepted(ratiba.body("Rent", Requests.TEST_MSISDN));

    assertFailure(ratiba.awaitCallback(again), again, "1050", Requests.TEST_MSISDN);
    assertThat(ratiba.orders()).hasSize(1);
  }

  @Test
  void theSameNameForAnotherCustomerIsFine() {
    ratiba.active(ratiba.body("Rent", Requests.TEST_MSISDN));

    ratiba.active(ratiba.body("Rent", "254711000222"));

    assertThat(ratiba.orders()).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"camel", "pascal"})
  void callbackKeysCanBeOneCasingThroughout(String casing) {
    ratiba.settings("{\"ratiba\":{\"callbackKeys\":\"" + casing + "\"}}");
    String ok = ratiba.accepted(ratiba.body("Rent", Requests.TEST_MSISDN));
    String failed = ratiba.accepted(ratiba.body("Rent", "254700001032"));

    JsonNode success = ratiba.awaitCallback(ok);
    JsonNode failure = ratiba.awaitCallback(failed);

    String header = casing.equals("camel") ? "responseHeader" : "ResponseHeader";
    String body = casing.equals("camel") ? "responseBody" : "ResponseBody";
    String data = casing.equals("camel") ? "responseData" : "ResponseData";
    String name = casing.equals("camel") ? "name" : "Name";
    for (JsonNode callback : List.of(success, failure)) {
      assertThat(fieldNames(callback)).containsExactly(header, body);
      assertThat(fieldNames(callback.path(body))).containsExactly(data);
      assertThat(callback.path(body).path(data).get(0).has(name)).isTrue();
    }
    assertThat(success.path(header).path("responseCode").asText()).isEqualTo("0");
    assertThat(failure.path(header).path("responseCode").asText()).isEqualTo("1032");
  }
}
