package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.c2b.C2bRegisterResponse;
import io.github.darajakit.client.c2b.C2bSimulateResponse;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.stk.StkQueryResult;
import io.github.darajakit.client.support.SampleFile;
import io.github.darajakit.client.support.SampleFile.Sample;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every synchronous body of {@code samples.jsonl} and REFERENCE §1.3, §2, §3, §4, §5, §6, §7, §11
 * through {@link DarajaAnswers}: the typed answers, and the exceptions the client throws for the
 * same status and body.
 */
class DarajaAnswersTest {

  /** Every parser that reads a synchronous answer, as the client would for each call. */
  private static final List<Parser> PARSERS =
      List.of(
          new Parser("stkPush", true, DarajaAnswers::stkPush),
          new Parser("stkQuery", false, (s, b) -> DarajaAnswers.stkQuery(s, b, "ws_CO_1")),
          new Parser("c2bRegister", false, DarajaAnswers::c2bRegister),
          new Parser("c2bSimulate", true, DarajaAnswers::c2bSimulate),
          new Parser("initiatorAcknowledgement", true, DarajaAnswers::initiatorAcknowledgement),
          new Parser(
              "initiatorQueryAcknowledgement",
              false,
              DarajaAnswers::initiatorQueryAcknowledgement));

  record Parser(String name, boolean movesMoney, BiFunction<Integer, String, Object> read) {
    Object apply(int status, String body) {
      return read.apply(status, body);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Sample> kind(String kind) {
    return SampleFile.ofKind(kind).stream();
  }

  static Stream<Sample> stkPushSamples() {
    return kind("stk_push_response");
  }

  static Stream<Sample> oauthSamples() {
    return kind("oauth_response");
  }

  static Stream<Arguments> classicErrorSamples() {
    return kind("error_envelope")
        .filter(s -> s.expect().path("errorCode").isTextual())
        .flatMap(s -> PARSERS.stream().map(p -> Arguments.of(s, p)));
  }

  @Nested
  class Samples {

    @Test
    void everySynchronousKindInTheFileIsCoveredHere() {
      assertThat(SampleFile.all().stream().map(Sample::kind).distinct())
          .filteredOn(k -> !k.equals("stk_callback") && !k.equals("c2b_confirmation"))
          .filteredOn(k -> !k.startsWith("result_"))
          .containsExactlyInAnyOrder("error_envelope", "oauth_response", "stk_push_response");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.darajakit.client.DarajaAnswersTest#stkPushSamples")
    void stkPushAnswersAreReadAsTheClientReadsThem(Sample sample) {
      StkPushResponse push = DarajaAnswers.stkPush(sample.httpStatus(), sample.payload());
      JsonNode expect = sample.expect();
      assertThat(push.merchantRequestId()).isEqualTo(expect.get("merchantRequestId").asText());
      assertThat(push.checkoutRequestId()).isEqualTo(expect.get("checkoutRequestId").asText());
      assertThat(push.responseCode()).isEqualTo(expect.get("responseCode").asText());
      assertThat(push.responseDescription()).isEqualTo(expect.get("responseDescription").asText());
      // The client reads a missing CustomerMessage as "".
      assertThat(push.customerMessage()).isEqualTo(expect.get("customerMessage").asText(""));
      assertThat(push.rawJson()).isEqualTo(sample.payload());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.darajakit.client.DarajaAnswersTest#oauthSamples")
    void oauthAnswersGiveTheTokenAndItsLifetime(Sample sample) {
      AccessToken token = DarajaAnswers.oauthToken(sample.httpStatus(), sample.payload());
      assertThat(token.value()).isEqualTo(sample.expect().get("accessToken").asText());
      assertThat(token.expiresIn())
          .isEqualTo(Duration.ofSeconds(sample.expect().get("expiresIn").asLong()));
      assertThat(token.toString()).doesNotContain(token.value());
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("io.github.darajakit.client.DarajaAnswersTest#classicErrorSamples")
    void classicErrorEnvelopesThrowWithTheirCodeMessageAndRequestId(Sample sample, Parser parser) {
      JsonNode expect = sample.expect();
      String code = expect.get("errorCode").asText();
      DarajaException e =
          catchThrowableOfType(
              () -> parser.apply(sample.httpStatus(), sample.payload()), DarajaException.class);
      if (code.startsWith("400.008.")) {
        // The client reads refused consumer keys as an authentication failure on every call.
        assertThat(e).isInstanceOf(DarajaAuthenticationException.class);
        assertThat(((DarajaAuthenticationException) e).errorCode()).isEqualTo(code);
        assertThat(((DarajaAuthenticationException) e).httpStatus()).isEqualTo(sample.httpStatus());
        assertThatThrownBy(() -> DarajaAnswers.oauthToken(sample.httpStatus(), sample.payload()))
            .isInstanceOf(DarajaAuthenticationException.class)
            .hasMessageContaining(code);
        return;
      }
      assertThat(e).isInstanceOf(DarajaApiException.class);
      DarajaApiException api = (DarajaApiException) e;
      assertThat(api.httpStatus()).isEqualTo(sample.httpStatus());
      assertThat(api.errorCode()).isEqualTo(code);
      assertThat(api.errorMessage()).isEqualTo(expect.get("errorMessage").asText());
      assertThat(api.requestId()).isEqualTo(expect.get("requestId").asText());
      assertThat(api.rawBody()).isEqualTo(sample.payload());
    }

    @Test
    void theSoapFaultOfAFailedServiceCalloutIsNoRefusal() {
      // Published without its status; Apigee answers a failed ServiceCallout with HTTP 500. The
      // backend's 503 says nothing about whether the request ran.
      Sample soap = kind("error_envelope").filter(s -> s.id().contains("soap")).findFirst().get();
      for (Parser parser : PARSERS) {
        Throwable thrown =
            catchThrowableOfType(() -> parser.apply(500, soap.payload()), DarajaException.class);
        assertThat(thrown)
            .as(parser.name())
            .isInstanceOf(
                parser.movesMoney()
                    ? DarajaOutcomeUnknownException.class
                    : DarajaUnavailableException.class)
            .hasMessageContaining("steps.servicecallout.ExecutionFailed");
      }
      // Answered with a 4xx status, it is a refusal carrying the Apigee code and faultstring.
      DarajaApiException refused =
          catchThrowableOfType(
              () -> DarajaAnswers.c2bRegister(400, soap.payload()), DarajaApiException.class);
      assertThat(refused.errorCode()).isEqualTo(soap.expect().get("apigeeErrorcode").asText());
      assertThat(refused.errorMessage()).isEqualTo(soap.expect().get("faultstring").asText());
      assertThat(refused.requestId()).isEmpty();
    }
  }

  @Nested
  class ReferenceAnswers {

    @Test
    void stkPushSuccessOfTheCurrentPortal() {
      String body =
          """
          { "MerchantRequestID": "2654-4b64-97ff-b827b542881d3130",
            "CheckoutRequestID": "ws_CO_1007202409152617172396192",
            "ResponseCode": "0",
            "ResponseDescription": "Success. Request accepted for processing",
            "CustomerMessage": "Success. Request accepted for processing" }
          """;
      StkPushResponse push = DarajaAnswers.stkPush(200, body);
      assertThat(push.checkoutRequestId()).isEqualTo("ws_CO_1007202409152617172396192");
      assertThat(push.customerMessage()).isEqualTo("Success. Request accepted for processing");
    }

    @Test
    void stkQueryFinalAnswersCarryTheirResultCodeAsAString() {
      StkQueryResult paid =
          DarajaAnswers.stkQuery(
              200,
              """
              { "ResponseCode": "0",
                "ResponseDescription": "The service request has been accepted successfully",
                "MerchantRequestID": "22205-34066-1",
                "CheckoutRequestID": "ws_CO_13012021093521236557",
                "ResultCode": "0",
                "ResultDesc": "The service request is processed successfully." }
              """,
              "ws_CO_13012021093521236557");
      assertThat(paid.isPaid()).isTrue();
      assertThat(paid.merchantRequestId()).isEqualTo("22205-34066-1");
      StkQueryResult cancelled =
          DarajaAnswers.stkQuery(
              200,
              """
              {"ResponseCode":"0","ResponseDescription":"The service request has been accepted successfully",
               "MerchantRequestID":"8555-67195-1","CheckoutRequestID":"ws_CO_27072017151044001",
               "ResultCode":"1032","ResultDesc":"[STK_CB - ]Request cancelled by user"}
              """,
              "ws_CO_27072017151044001");
      assertThat(cancelled.outcome()).isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void stkQueryStillProcessingIsPendingInBothStyles() {
      StkQueryResult current =
          DarajaAnswers.stkQuery(
              200,
              "{\"ResultCode\":\"4999\",\"ResultDesc\":\"The transaction is still under processing\"}",
              "ws_CO_170820261404032708374149");
      assertThat(current.isPending()).isTrue();
      assertThat(current.checkoutRequestId()).isEqualTo("ws_CO_170820261404032708374149");
      String legacy =
          "{\"requestId\":\"11728-2929992-1\",\"errorCode\":\"500.001.1001\","
              + "\"errorMessage\":\"The transaction is being processed\"}";
      StkQueryResult old = DarajaAnswers.stkQuery(500, legacy, "ws_CO_260520211133524545");
      assertThat(old.isPending()).isTrue();
      assertThat(old.checkoutRequestId()).isEqualTo("ws_CO_260520211133524545");
      assertThat(old.resultDesc()).isEqualTo("The transaction is being processed");
      assertThat(old.rawJson()).isEqualTo(legacy);
    }

    @Test
    void stkQueryOfAnUnknownCheckoutRequestIdIsRefused() {
      assertThatThrownBy(
              () ->
                  DarajaAnswers.stkQuery(
                      400,
                      "{\"requestId\":\"1\",\"errorCode\":\"400.002.02\","
                          + "\"errorMessage\":\"Bad Request - Invalid CheckoutRequestID\"}",
                      "ws_CO_x"))
          .isInstanceOf(DarajaApiException.class)
          .hasMessageContaining("Invalid CheckoutRequestID");
    }

    @Test
    void c2bAnswersReadTheMisspelledOriginatorCoversationId() {
      C2bRegisterResponse registered =
          DarajaAnswers.c2bRegister(
              200,
              """
              { "OriginatorCoversationID": "6e86-45dd-91ac-fd5d4178ab523408729",
                "ResponseCode": "0", "ResponseDescription": "Success" }
              """);
      assertThat(registered.isSuccess()).isTrue();
      assertThat(registered.originatorConversationId())
          .isEqualTo("6e86-45dd-91ac-fd5d4178ab523408729");
      C2bSimulateResponse simulated =
          DarajaAnswers.c2bSimulate(
              200,
              """
              { "OriginatorCoversationID": "53e3-4aa8-9fe0-8fb5e4092cdd3405976",
                "ResponseCode": "0",
                "ResponseDescription": "Accept the service request successfully." }
              """);
      assertThat(simulated.isAccepted()).isTrue();
      assertThat(simulated.originatorConversationId())
          .isEqualTo("53e3-4aa8-9fe0-8fb5e4092cdd3405976");
    }

    @Test
    void c2bRegistrationRefusals() {
      assertThatThrownBy(
              () ->
                  DarajaAnswers.c2bRegister(
                      500,
                      "{\"requestId\":\"1\",\"errorCode\":\"500.003.1001\","
                          + "\"errorMessage\":\"Urls are already registered.\"}"))
          .isInstanceOf(DarajaApiException.class);
      String addUrlVault =
          """
          {"Envelope":{"encodingStyle":"http://schemas.xmlsoap.org/soap/encoding/","Body":{"Fault":{
           "faultcode":"soap:Server",
           "faultstring":"Execution of ServiceCallout SCO-AddURLVault failed. Reason: ResponseCode 409 is treated as error",
           "detail":{"source":{"errorcode":"steps.servicecallout.ExecutionFailed"}}}}}}
          """;
      DarajaApiException e =
          catchThrowableOfType(
              () -> DarajaAnswers.c2bRegister(500, addUrlVault), DarajaApiException.class);
      assertThat(e.errorCode()).isEqualTo("steps.servicecallout.ExecutionFailed");
      assertThat(e.errorMessage()).contains("SCO-AddURLVault");
    }

    @Test
    void initiatorAcknowledgementsOfB2cB2bAndReversal() {
      InitiatorAcknowledgement b2c =
          DarajaAnswers.initiatorAcknowledgement(
              200,
              """
              { "ConversationID": "AG_20240706_20106e9209f64bebd05b",
                "OriginatorConversationID": "600997_Test_32et3241ed8yu",
                "ResponseCode": "0",
                "ResponseDescription": "Accept the service request successfully." }
              """);
      assertThat(b2c.accepted()).isTrue();
      assertThat(b2c.conversationId()).isEqualTo("AG_20240706_20106e9209f64bebd05b");
      assertThat(b2c.originatorConversationId()).isEqualTo("600997_Test_32et3241ed8yu");
      InitiatorAcknowledgement b2b =
          DarajaAnswers.initiatorAcknowledgement(
              200,
              "{\"OriginatorConversationID\":\"5118-111210482-1\",\"ConversationID\":"
                  + "\"AG_20230420_2010759fd5662ef6d054\",\"ResponseCode\":\"0\","
                  + "\"ResponseDescription\":\"Accept the service request successfully.\"}");
      assertThat(b2b.originatorConversationId()).isEqualTo("5118-111210482-1");
      InitiatorAcknowledgement reversal =
          DarajaAnswers.initiatorAcknowledgement(
              200,
              "{\"OriginatorConversationID\":\"f1e2-4b95-a71d-b30d3cdbb7a7735297\",\"ConversationID\":"
                  + "\"AG_20210706_20106e9209f64bebd05b\",\"ResponseCode\":\"0\","
                  + "\"ResponseDescription\":\"Accept the service request successfully.\"}");
      assertThat(reversal.conversationId()).isEqualTo("AG_20210706_20106e9209f64bebd05b");
    }

    @Test
    void aDuplicateOriginatorConversationIdIsARefusalThatLeavesTheEarlierOneUnknown() {
      DarajaApiException e =
          catchThrowableOfType(
              () ->
                  DarajaAnswers.initiatorAcknowledgement(
                      500,
                      "{\"requestId\":\"1\",\"errorCode\":\"500.002.1001\","
                          + "\"errorMessage\":\"Duplicate OriginatorConversationID.\"}"),
              DarajaApiException.class);
      assertThat(e.isDuplicateRequest()).isTrue();
    }

    @Test
    void theInvalidTokenErrorDoesNotRepeatTheToken() {
      DarajaApiException e =
          catchThrowableOfType(
              () ->
                  DarajaAnswers.initiatorAcknowledgement(
                      401,
                      "{\"requestId\":\"11728-2929992-1\",\"errorCode\":\"401.002.01\","
                          + "\"errorMessage\":\"Error Occurred - Invalid Access Token - BJGFGQXV5aZnw9QKA4TDtu4Xdyf\"}"),
              DarajaApiException.class);
      assertThat(e.errorCode()).isEqualTo("401.002.01");
      assertThat(e.getMessage()).doesNotContain("BJGFGQXV5aZnw9QKA4TDtu4Xdyf");
    }

    @Test
    void anApigeeFaultIsAnApiErrorWithItsErrorcode() {
      String fault =
          "{\"fault\":{\"faultstring\":\"Invalid API call as no apiproduct match found\","
              + "\"detail\":{\"errorcode\":\"keymanagement.service.InvalidAPICallAsNoApiProductMatchFound\"}}}";
      for (Parser parser : PARSERS) {
        DarajaApiException e =
            catchThrowableOfType(() -> parser.apply(401, fault), DarajaApiException.class);
        assertThat(e).as(parser.name()).isNotNull();
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.errorCode())
            .isEqualTo("keymanagement.service.InvalidAPICallAsNoApiProductMatchFound");
        assertThat(e.errorMessage()).isEqualTo("Invalid API call as no apiproduct match found");
      }
    }

    @Test
    void rateLimitsAndQuotasMeanNothingMoved() {
      String spike =
          "{\"requestId\":\"1\",\"errorCode\":\"500.003.02\","
              + "\"errorMessage\":\"Error Occurred: Spike Arrest Violation\"}";
      String quota =
          "{\"requestId\":\"1\",\"errorCode\":\"500.003.03\","
              + "\"errorMessage\":\"Error Occurred: Quota Violation\"}";
      for (Parser parser : PARSERS) {
        assertThat(
                catchThrowableOfType(() -> parser.apply(500, spike), DarajaRateLimitException.class)
                    .errorCode())
            .isEqualTo("500.003.02");
        assertThat(
                catchThrowableOfType(() -> parser.apply(500, quota), DarajaRateLimitException.class)
                    .errorCode())
            .isEqualTo("500.003.03");
        assertThat(
                catchThrowableOfType(() -> parser.apply(429, ""), DarajaRateLimitException.class)
                    .errorCode())
            .isEqualTo("429");
      }
    }

    @Test
    void aServerErrorIsAnUnknownOutcomeForMoneyAndUnavailabilityOtherwise() {
      String internal =
          "{\"requestId\":\"1\",\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Internal Server Error\"}";
      for (Parser parser : PARSERS) {
        for (String body : List.of(internal, "", "<html>Bad Gateway</html>")) {
          assertThatThrownBy(() -> parser.apply(502, body))
              .as(parser.name() + " " + body)
              .isInstanceOf(
                  parser.movesMoney()
                      ? DarajaOutcomeUnknownException.class
                      : DarajaUnavailableException.class);
        }
      }
      DarajaOutcomeUnknownException e =
          catchThrowableOfType(
              () -> DarajaAnswers.stkPush(500, internal), DarajaOutcomeUnknownException.class);
      assertThat(e.operation()).isEqualTo("stk.push");
      assertThat(e.getMessage()).contains(DarajaOutcomeUnknownException.RECOVERY);
    }

    @Test
    void refusalsSentAs5xxStayRefusals() {
      String locked =
          "{\"requestId\":\"1\",\"errorCode\":\"500.001.1001\",\"errorMessage\":\"Unable to lock"
              + " subscriber, a transaction is already in process for the current subscriber\"}";
      assertThatThrownBy(() -> DarajaAnswers.stkPush(500, locked))
          .isInstanceOf(DarajaApiException.class);
      String merchant =
          "{\"requestId\":\"1\",\"errorCode\":\"500.001.1001\",\"errorMessage\":\"Merchant does not exist\"}";
      assertThatThrownBy(() -> DarajaAnswers.stkPush(500, merchant))
          .isInstanceOf(DarajaApiException.class);
    }

    @Test
    void anUnreadableSuccessIsAnUnknownOutcomeOnlyForMoney() {
      for (Parser parser : PARSERS) {
        for (String body : List.of("", "OK", "[1]")) {
          assertThatThrownBy(() -> parser.apply(200, body))
              .as(parser.name() + " " + body)
              .isInstanceOf(
                  parser.movesMoney()
                      ? DarajaOutcomeUnknownException.class
                      : DarajaApiException.class);
        }
      }
      assertThatThrownBy(() -> DarajaAnswers.stkPush(200, null))
          .isInstanceOf(DarajaOutcomeUnknownException.class);
    }

    @Test
    void oauthAcceptsANumericExpiryAndRefusesKeysInEveryShape() {
      AccessToken token =
          DarajaAnswers.oauthToken(
              200, "{ \"access_token\": \"c9SQxWWhmdVRlyh0zh8gZDTkubVF\", \"expires_in\": 3599 }");
      assertThat(token.value()).isEqualTo("c9SQxWWhmdVRlyh0zh8gZDTkubVF");
      assertThat(token.expiresIn()).isEqualTo(Duration.ofSeconds(3599));
      assertThat(
              catchThrowableOfType(
                      () -> DarajaAnswers.oauthToken(400, ""), DarajaAuthenticationException.class)
                  .getMessage())
          .contains("production answers this way to sandbox keys");
      assertThat(
              catchThrowableOfType(
                      () ->
                          DarajaAnswers.oauthToken(
                              400,
                              "{\"requestId\":\"1\",\"errorCode\":\"400.008.02\","
                                  + "\"errorMessage\":\"Invalid grant type passed\"}"),
                      DarajaAuthenticationException.class)
                  .errorCode())
          .isEqualTo("400.008.02");
      assertThatThrownBy(() -> DarajaAnswers.oauthToken(200, "{\"expires_in\":\"3599\"}"))
          .isInstanceOf(DarajaApiException.class)
          .hasMessageContaining("access_token");
      assertThatThrownBy(() -> DarajaAnswers.oauthToken(503, ""))
          .isInstanceOf(DarajaUnavailableException.class);
      assertThatThrownBy(() -> DarajaAnswers.oauthToken(429, ""))
          .isInstanceOf(DarajaRateLimitException.class);
    }
  }
}
