package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCodes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** M-Pesa Ratiba callbacks (REFERENCE §15), in both casings the documents show. */
class StandingOrderCallbackTest {

  /** REFERENCE §15 "Callback success": camelCase keys. */
  static final String SUCCESS =
      """
      { "responseHeader": { "responseRefID": "0acc0239-20fa-4a52-8b9d-9bd64c0465c3",
          "requestRefID": "0acc0239-20fa-4a52-8b9d-9bd64c0465c3",
          "responseCode": "0", "responseDescription": "The service request is processed successfully" },
        "responseBody": { "responseData": [
          { "name": "TransactionID", "value": "SC8F2IQMH5" },
          { "name": "responseCode", "value": "0" },
          { "name": "Status", "value": "OKAY" },
          { "name": "Msisdn", "value": "254******867" } ] } }
      """;

  /** REFERENCE §15 "Callback failure": the portal's PascalCase keys. */
  static final String FAILURE =
      """
      { "ResponseHeader": { "responseRefID": "4dd9b5d9-…", "requestRefID": "c8c2bb31-…",
          "responseCode": "1037", "responseDescription": "Error" },
        "ResponseBody": { "ResponseData": [
          { "Name": "TransactionID", "Value": "0000000000" },
          { "Name": "responseCode", "Value": "1037" },
          { "Name": "Status", "Value": "ERROR" },
          { "Name": "Msisdn", "Value": "*********149" } ] } }
      """;

  @Test
  void theCamelCaseSuccessSampleIsACreatedStandingOrder() {
    StandingOrderCallback callback = DarajaCallbacks.parseStandingOrderCallback(SUCCESS);
    assertThat(callback.responseRefId()).isEqualTo("0acc0239-20fa-4a52-8b9d-9bd64c0465c3");
    assertThat(callback.requestRefId()).isEqualTo("0acc0239-20fa-4a52-8b9d-9bd64c0465c3");
    assertThat(callback.resultCode()).isEqualTo("0");
    assertThat(callback.resultDescription())
        .isEqualTo("The service request is processed successfully");
    assertThat(callback.transactionId()).isEqualTo("SC8F2IQMH5");
    assertThat(callback.status()).isEqualTo("OKAY");
    assertThat(callback.msisdn()).isEqualTo("254******867");
    assertThat(callback.succeeded()).isTrue();
    assertThat(callback.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(callback.raw()).isEqualTo(SUCCESS);
    assertThat(callback.rawJson()).isEqualTo(SUCCESS);
    assertThat(DarajaCallbacks.parse(SUCCESS)).isEqualTo(callback);
    assertThat(DarajaCallbacks.parseStandingOrderCallback(SUCCESS.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(callback);
  }

  @Test
  void thePascalCaseFailureSampleIsATimeout() {
    StandingOrderCallback callback = DarajaCallbacks.parseStandingOrderCallback(FAILURE);
    assertThat(callback.responseRefId()).isEqualTo("4dd9b5d9-…");
    assertThat(callback.requestRefId()).isEqualTo("c8c2bb31-…");
    assertThat(callback.resultCode()).isEqualTo("1037");
    assertThat(callback.resultDescription()).isEqualTo("Error");
    assertThat(callback.transactionId()).isEqualTo("0000000000");
    assertThat(callback.status()).isEqualTo("ERROR");
    assertThat(callback.msisdn()).isEqualTo("*********149");
    assertThat(callback.succeeded()).isFalse();
    assertThat(callback.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(DarajaCallbacks.parse(FAILURE.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(StandingOrderCallback.class)
        .isEqualTo(callback);
  }

  @Test
  void aNumberResponseCodeInTheHeaderIsReadAsText() {
    StandingOrderCallback callback =
        DarajaCallbacks.parseStandingOrderCallback(
            "{\"responseHeader\":{\"responseRefID\":\"r\",\"responseCode\":1032}}");
    assertThat(callback.resultCode()).isEqualTo("1032");
    assertThat(callback.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(callback.transactionId()).isEmpty();
    assertThat(callback.status()).isEmpty();
    assertThat(callback.msisdn()).isEmpty();
  }

  @Test
  void withoutAHeaderCodeTheResponseCodeDataItemIsUsed() {
    StandingOrderCallback callback =
        DarajaCallbacks.parseStandingOrderCallback(
            "{\"RESPONSEHEADER\":{\"requestRefID\":\"q\"},\"responseBody\":{\"responseData\":"
                + "[{\"name\":\"responseCode\",\"value\":2001}]}}");
    assertThat(callback.resultCode()).isEqualTo("2001");
    assertThat(callback.responseRefId()).isEmpty();
    assertThat(callback.requestRefId()).isEqualTo("q");
    assertThat(ResultCodes.standingOrder(callback.resultCode()).meaning())
        .isEqualTo("The customer entered a wrong PIN.");
  }

  @Test
  void theToStringLeavesOutTheRawBody() {
    assertThat(DarajaCallbacks.parseStandingOrderCallback(SUCCESS).toString())
        .contains("resultCode=0")
        .doesNotContain("responseData");
  }

  @Test
  void malformedCallbacksNameWhatIsMissing() {
    assertFails("{\"responseHeader\":{\"responseCode\":\"0\"}}", "responseRefID");
    assertFails("{\"responseHeader\":{\"responseRefID\":\"r\"}}", "responseHeader.responseCode");
    assertFails("{\"responseHeader\":[]}", "responseHeader is a JSON array");
    assertFails("{\"Result\":{}}", "not a standing order callback");
    assertFails("[1]", "not an object");
    assertFails("", "empty");
    assertFails(
        "{\"responseHeader\":{\"responseRefID\":\"r\",\"responseCode\":\"0\"},"
            + "\"responseBody\":{\"responseData\":[{\"value\":\"x\"}]}}",
        "responseBody.responseData[0] has no name");
  }

  @Test
  void theSynchronousAcknowledgementIsNotMistakenForACallback() {
    String ack =
        "{\"ResponseHeader\":{\"responseRefID\":\"4dd9\",\"responseCode\":\"200\","
            + "\"responseDescription\":\"Request accepted for processing\"},"
            + "\"ResponseBody\":{\"responseCode\":\"200\"}}";
    assertThatThrownBy(() -> DarajaCallbacks.parse(ack))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("acknowledgement");
  }

  @Test
  void parseResultRefusesTheStandingOrderFamily() {
    assertThatThrownBy(
            () -> DarajaCallbacks.parseResult(SUCCESS, ResultCodes.Family.STANDING_ORDER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parseStandingOrderCallback");
  }

  private static void assertFails(String json, String message) {
    assertThatThrownBy(() -> DarajaCallbacks.parseStandingOrderCallback(json))
        .isInstanceOfSatisfying(
            DarajaCallbackParseException.class, e -> assertThat(e.getMessage()).contains(message));
  }
}
