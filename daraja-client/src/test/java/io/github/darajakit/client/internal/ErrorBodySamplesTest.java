package io.github.darajakit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.support.SampleFile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code error_envelope} samples of {@code samples.jsonl}, read by the client's own error
 * parser: they are answers, not callbacks, so {@code CallbackSamplesTest} only checks that the
 * callback parser refuses them.
 */
class ErrorBodySamplesTest {

  static List<Arguments> envelopes() {
    List<Arguments> cases =
        SampleFile.ofKind("error_envelope").stream()
            .map(
                s ->
                    Arguments.of(
                        s.id(),
                        s.httpStatus() == null ? 500 : s.httpStatus(),
                        s.payload(),
                        s.expect()))
            .toList();
    assertThat(cases).hasSize(4);
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("envelopes")
  void errorEnvelopeSampleGivesItsCodeMessageAndRequestId(
      String id, int status, String payload, JsonNode expect) {
    ErrorBody body = ErrorBody.parse(status, payload);
    if (expect.hasNonNull("faultstring")) {
      // A SOAP fault rendered as JSON: no errorCode; the Apigee errorcode stands in for it.
      assertThat(expect.get("errorCode").isNull()).isTrue();
      assertThat(body.code()).isEqualTo(expect.get("apigeeErrorcode").asText());
      assertThat(body.message()).isEqualTo(expect.get("faultstring").asText());
      assertThat(body.requestId()).isEmpty();
    } else {
      assertThat(body.code()).isEqualTo(expect.get("errorCode").asText());
      assertThat(body.message()).isEqualTo(expect.get("errorMessage").asText());
      assertThat(body.requestId()).isEqualTo(expect.get("requestId").asText());
    }
    assertThat(body.status()).isEqualTo(status);
  }
}
