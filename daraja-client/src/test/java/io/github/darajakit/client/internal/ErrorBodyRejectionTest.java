package io.github.darajakit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.DarajaApiException;
import org.junit.jupiter.api.Test;

/** Which error answers are refusals (never retried) rather than outages. */
class ErrorBodyRejectionTest {

  private static String soapFault(String faultString) {
    return """
        {"Envelope":{"encodingStyle":"http://schemas.xmlsoap.org/soap/encoding/","Body":{"Fault":{
          "faultcode":"soap:Server","faultstring":"%s","faultactor":{},
          "detail":{"source":{"errorcode":"steps.servicecallout.ExecutionFailed"}}}}}}"""
        .formatted(faultString);
  }

  @Test
  void addUrlVaultConflictIsARefusalWithAHintAboutTheStkOnlyShortcode() {
    String body =
        soapFault(
            "Execution of ServiceCallout SCO-AddURLVault failed. Reason: ResponseCode 409 is"
                + " treated as error");
    ErrorBody error = ErrorBody.parse(500, body);
    assertThat(error.code()).isEqualTo("steps.servicecallout.ExecutionFailed");
    assertThat(error.message()).contains("SCO-AddURLVault").contains("409");
    assertThat(error.requestId()).isEmpty();
    assertThat(error.definitiveRejection()).isTrue();
    assertThat(error.toException(body))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e ->
                assertThat(e.getMessage())
                    .startsWith(
                        "Daraja answered HTTP 500 steps.servicecallout.ExecutionFailed"
                            + " \"Execution of ServiceCallout SCO-AddURLVault failed.")
                    .contains("174379 is STK-only")
                    .contains("600992"));
  }

  @Test
  void aServiceCalloutThatMetA503MayPassOnARetry() {
    // REFERENCE samples.jsonl: err-apigee-soap-fault-json-searchurl-503.
    ErrorBody error =
        ErrorBody.parse(
            500,
            soapFault(
                "Execution of ServiceCallout SC-SearchURL failed. Reason: ResponseCode 503 is"
                    + " treated as error"));
    assertThat(error.code()).isEqualTo("steps.servicecallout.ExecutionFailed");
    assertThat(error.definitiveRejection()).isFalse();
  }

  @Test
  void urlsAlreadyRegisteredIsARefusalButAnInternalServerErrorIsNot() {
    assertThat(
            ErrorBody.parse(
                    500,
                    "{\"requestId\":\"1\",\"errorCode\":\"500.003.1001\","
                        + "\"errorMessage\":\"Urls are already registered.\"}")
                .definitiveRejection())
        .isTrue();
    assertThat(
            ErrorBody.parse(
                    500,
                    "{\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Duplicate notification"
                        + " info, SP ID is 1, correlator is 2\"}")
                .definitiveRejection())
        .isTrue();
    assertThat(
            ErrorBody.parse(
                    500,
                    "{\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Internal Server Error\"}")
                .definitiveRejection())
        .isFalse();
  }

  @Test
  void only500_001_1001MessagesThatNameARefusalAreDefinitive() {
    for (String refusal :
        new String[] {
          "Merchant does not exist",
          "Wrong credentials",
          "[MerchantValidate] - Wrong credentials",
          "Unable to lock subscriber, a transaction is already in process for the current"
              + " subscriber",
          "The transaction is being processed"
        }) {
      assertThat(envelope("500.001.1001", refusal).definitiveRejection()).as(refusal).isTrue();
    }
    // Reversal's table lists this one (REFERENCE §11): it does not say whether anything ran.
    assertThat(envelope("500.001.1001", "Internal Server Error").definitiveRejection()).isFalse();
    assertThat(
            envelope("500.002.1001", "Duplicate OriginatorConversationID.").definitiveRejection())
        .isTrue();
  }

  private static ErrorBody envelope(String code, String message) {
    return ErrorBody.parse(
        500,
        "{\"requestId\":\"1\",\"errorCode\":\""
            + code
            + "\",\"errorMessage\":\""
            + message
            + "\"}");
  }

  @Test
  void pullWithNoAvailableTransactionsIsAnAnswerNotAnOutage() {
    ErrorBody error =
        ErrorBody.parse(
            500,
            "{\"errorCode\":\"500\",\"errorMessage\":\"Failed to retrieve transactions. The short"
                + " code does not have any available transactions.\"}");
    assertThat(error.definitiveRejection()).isTrue();
  }
}
