package io.github.darajakit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaAuthenticationException;
import io.github.darajakit.client.DarajaException;
import org.junit.jupiter.api.Test;

/** Reading every shape of error answer Daraja gives (REFERENCE §1.3, §2, §22b), no I/O. */
class ErrorBodyTest {

  @Test
  void classicEnvelopeGivesCodeMessageAndRequestId() {
    String body =
        """
        {"requestId":"1c5b-4ba8-815c-ac45c57a3db01495926","errorCode":"400.002.02",\
        "errorMessage":"Bad Request - Invalid BusinessShortCode"}""";
    ErrorBody error = ErrorBody.parse(400, body);
    assertThat(error)
        .isEqualTo(
            new ErrorBody(
                400,
                "400.002.02",
                "Bad Request - Invalid BusinessShortCode",
                "1c5b-4ba8-815c-ac45c57a3db01495926"));
    assertThat(error.describe()).isEqualTo("400.002.02 Bad Request - Invalid BusinessShortCode");
    assertThat(error.definitiveRejection()).isFalse();
    DarajaException exception = error.toException(body);
    assertThat(exception)
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid BusinessShortCode");
              assertThat(e.requestId()).isEqualTo("1c5b-4ba8-815c-ac45c57a3db01495926");
              assertThat(e.rawBody()).isEqualTo(body);
              assertThat(e.getMessage())
                  .startsWith(
                      "Daraja answered HTTP 400 400.002.02 \"Bad Request - Invalid"
                          + " BusinessShortCode\" (requestId 1c5b-4ba8-815c-ac45c57a3db01495926)");
            });
  }

  @Test
  void anEnvelopeWithoutRequestIdOrWithNullsGivesEmptyText() {
    ErrorBody error =
        ErrorBody.parse(500, "{\"errorCode\":\"500.003.1001\",\"errorMessage\":null}");
    assertThat(error).isEqualTo(new ErrorBody(500, "500.003.1001", "", ""));
    assertThat(error.describe()).isEqualTo("500.003.1001");
    ErrorBody onlyMessage = ErrorBody.parse(500, "{\"errorMessage\":\"Internal Server Error\"}");
    assertThat(onlyMessage).isEqualTo(new ErrorBody(500, "", "Internal Server Error", ""));
  }

  @Test
  void apigeeFaultGivesTheFaultCodeAndString() {
    String body =
        """
        {"fault":{"faultstring":"Invalid API call as no apiproduct match found",\
        "detail":{"errorcode":"keymanagement.service.InvalidAPICallAsNoApiProductMatchFound"}}}""";
    ErrorBody error = ErrorBody.parse(401, body);
    assertThat(error)
        .isEqualTo(
            new ErrorBody(
                401,
                "keymanagement.service.InvalidAPICallAsNoApiProductMatchFound",
                "Invalid API call as no apiproduct match found",
                ""));
    assertThat(error.toException(body))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(401);
              assertThat(e.errorCode())
                  .isEqualTo("keymanagement.service.InvalidAPICallAsNoApiProductMatchFound");
              assertThat(e.rawBody()).isEqualTo(body);
            });
  }

  @Test
  void apigeeFaultWithoutDetailStillGivesItsMessage() {
    assertThat(ErrorBody.parse(500, "{\"fault\":{\"faultstring\":\"Gateway Timeout\"}}"))
        .isEqualTo(new ErrorBody(500, "", "Gateway Timeout", ""));
  }

  @Test
  void billManagersPlainEnvelopeIsRead() {
    ErrorBody error =
        ErrorBody.parse(
            401,
            "{\"errorCode\":\"401\",\"errorMessage\":\"Unauthorized - Invalid Access Token\"}");
    assertThat(error)
        .isEqualTo(new ErrorBody(401, "401", "Unauthorized - Invalid Access Token", ""));
  }

  @Test
  void aNumericErrorCodeIsReadAsText() {
    assertThat(ErrorBody.parse(401, "{\"errorCode\":401,\"errorMessage\":\"Unauthorized\"}").code())
        .isEqualTo("401");
  }

  @Test
  void anEmptyBodyIsAnErrorWithNothingToSay() {
    for (String empty : new String[] {"", "   ", "\n", null}) {
      ErrorBody error = ErrorBody.parse(400, empty);
      assertThat(error).as("[%s]", empty).isEqualTo(new ErrorBody(400, "", "", ""));
      assertThat(error.describe()).isEqualTo("(empty body)");
      assertThat(error.definitiveRejection()).isFalse();
    }
    assertThat(ErrorBody.parse(400, "").toException(""))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("Daraja answered HTTP 400");
              assertThat(e.rawBody()).isEmpty();
            });
    assertThat(ErrorBody.parse(400, null).toException(null))
        .isInstanceOfSatisfying(DarajaApiException.class, e -> assertThat(e.rawBody()).isEmpty());
  }

  @Test
  void anHtmlPageBecomesTheMessageAbbreviated() {
    String html =
        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
            + "</h1></center><hr><center>nginx</center></body></html>";
    ErrorBody error = ErrorBody.parse(502, "\n  " + html + "\n");
    assertThat(error).isEqualTo(new ErrorBody(502, "", html, ""));
    String long_ = "<html>" + "x".repeat(500) + "</html>";
    ErrorBody abbreviated = ErrorBody.parse(503, long_);
    assertThat(abbreviated.message()).hasSize(201).endsWith("…").startsWith("<html>xxx");
    assertThat(abbreviated.code()).isEmpty();
  }

  @Test
  void jsonThatIsNotAnObjectOrHasNoKnownKeysBecomesTheMessage() {
    assertThat(ErrorBody.parse(500, "[1,2]")).isEqualTo(new ErrorBody(500, "", "[1,2]", ""));
    assertThat(ErrorBody.parse(500, "\"oops\"")).isEqualTo(new ErrorBody(500, "", "\"oops\"", ""));
    assertThat(ErrorBody.parse(500, "{\"status\":\"down\"}"))
        .isEqualTo(new ErrorBody(500, "", "{\"status\":\"down\"}", ""));
    assertThat(ErrorBody.parse(500, "{\"errorCode\":"))
        .isEqualTo(new ErrorBody(500, "", "{\"errorCode\":", ""));
  }

  @Test
  void aSuccessStatusHasNoError() {
    assertThat(ErrorBody.parse(200, "{\"errorCode\":\"400.002.02\"}"))
        .isEqualTo(new ErrorBody(200, "", "", ""));
    assertThat(ErrorBody.parse(204, "")).isEqualTo(new ErrorBody(204, "", "", ""));
  }

  @Test
  void invalidAccessTokenMessagesHaveTheEchoedTokenRedacted() {
    String body =
        "{\"requestId\":\"r-1\",\"errorCode\":\"401.002.01\","
            + "\"errorMessage\":\"Error Occurred - Invalid Access Token - BJGFGQXV5aZnw9QKA4TDtu4Xdyf\"}";
    ErrorBody error = ErrorBody.parse(401, body);
    assertThat(error.code()).isEqualTo("401.002.01");
    assertThat(error.message()).isEqualTo("Error Occurred - Invalid Access Token - ***");
    assertThat(error.describe()).doesNotContain("BJGFGQXV5aZnw9QKA4TDtu4Xdyf");
    assertThat(error.toException(body.replace("BJGFGQXV5aZnw9QKA4TDtu4Xdyf", "***")).getMessage())
        .doesNotContain("BJGFGQXV5aZnw9QKA4TDtu4Xdyf")
        .contains("Invalid Access Token - ***");
  }

  @Test
  void redactTokenLeavesOtherMessagesAlone() {
    assertThat(ErrorBody.redactToken("Error Occurred - Invalid Access Token - abc.def-123"))
        .isEqualTo("Error Occurred - Invalid Access Token - ***");
    assertThat(ErrorBody.redactToken("Invalid Access Token")).isEqualTo("Invalid Access Token");
    assertThat(ErrorBody.redactToken("Error Occurred - Invalid Access Token - "))
        .isEqualTo("Error Occurred - Invalid Access Token - ");
    assertThat(ErrorBody.redactToken("")).isEmpty();
    assertThat(ErrorBody.redactToken("Bad Request - Invalid Amount"))
        .isEqualTo("Bad Request - Invalid Amount");
  }

  @Test
  void oauthRefusalsAreAuthenticationErrors() {
    for (String code : new String[] {"400.008.01", "400.008.02"}) {
      ErrorBody error =
          ErrorBody.parse(
              400,
              "{\"requestId\":\"1\",\"errorCode\":\"" + code + "\",\"errorMessage\":\"Invalid\"}");
      assertThat(error.toException("{}"))
          .as(code)
          .isInstanceOfSatisfying(
              DarajaAuthenticationException.class,
              e -> assertThat(e.getMessage()).contains("Daraja refused the credentials: " + code));
    }
  }

  @Test
  void spikeArrestAndQuotaAreNotRefusalsOfTheRequestItself() {
    assertThat(
            ErrorBody.parse(
                    500,
                    "{\"errorCode\":\"500.003.02\",\"errorMessage\":\"Error Occurred: Spike Arrest"
                        + " Violation\"}")
                .definitiveRejection())
        .isFalse();
  }
}
