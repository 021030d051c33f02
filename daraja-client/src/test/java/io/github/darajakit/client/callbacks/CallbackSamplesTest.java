package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.support.SampleFile;
import io.github.darajakit.client.support.SampleFile.Sample;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real payload in {@code samples.jsonl} (copied from {@code shared/daraja}), with the facts
 * its {@code expect} says a correct parser extracts. Synchronous answers that are not callbacks
 * (error envelopes, OAuth, STK push acknowledgements) are checked to be refused by {@link
 * DarajaCallbacks#parse(String)} with a message saying what they are; error envelopes' own facts
 * are asserted against the client's error parser in {@code ErrorBodySamplesTest}.
 */
class CallbackSamplesTest {

  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  /** Every kind in the file must be handled here: a new kind fails until this test learns it. */
  private static final Set<String> KINDS =
      Set.of(
          "stk_callback",
          "c2b_confirmation",
          "result_b2c",
          "error_envelope",
          "oauth_response",
          "stk_push_response");

  static List<Sample> samples() {
    return SampleFile.all();
  }

  static Stream<Arguments> cases() throws IOException {
    return samples().stream()
        .map(
            s ->
                Arguments.of(
                    s.id() + " [" + s.kind() + "]" + note(s.kind()),
                    s.kind(),
                    s.payload(),
                    s.expect()));
  }

  private static String note(String kind) {
    return switch (kind) {
      case "error_envelope" ->
          " — not a callback: parse() must refuse it; its facts are asserted by"
              + " ErrorBodySamplesTest";
      case "oauth_response" ->
          " — not a callback: parse() must refuse it; its facts are asserted by"
              + " DarajaAnswersTest";
      case "stk_push_response" ->
          " — not a callback: parse() must refuse it; its facts are asserted by"
              + " DarajaAnswersTest";
      default -> "";
    };
  }

  @Test
  void theSampleFileHasEveryKindThisTestKnowsAndNoOther() throws IOException {
    assertThat(samples()).hasSize(18);
    assertThat(samples().stream().map(Sample::kind).distinct())
        .containsExactlyInAnyOrderElementsOf(KINDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sampleParsesToItsExpectedFacts(String label, String kind, String payload, JsonNode expect) {
    assertThat(KINDS).as("unknown sample kind: teach this test").contains(kind);
    switch (kind) {
      case "stk_callback" -> stk(payload, expect);
      case "c2b_confirmation" -> c2b(payload, expect);
      case "result_b2c" -> b2c(payload, expect);
      case "error_envelope" ->
          refused(payload, expect.hasNonNull("faultcode") ? "fault" : "synchronous error answer");
      case "oauth_response" -> refused(payload, "OAuth token answer");
      case "stk_push_response" -> refused(payload, "synchronous acknowledgement");
      default -> throw new AssertionError("unhandled kind " + kind);
    }
  }

  private static void stk(String payload, JsonNode expect) {
    assertThat(expect.fieldNames())
        .toIterable()
        .isSubsetOf(
            "checkoutRequestId",
            "merchantRequestId",
            "resultCode",
            "hasMetadata",
            "amount",
            "receipt",
            "phone",
            "transactionDate",
            "balance");
    StkCallback stk = (StkCallback) DarajaCallbacks.parse(payload);
    assertThat(DarajaCallbacks.parseStkCallback(payload)).isEqualTo(stk);
    assertThat(stk.checkoutRequestId()).isEqualTo(expect.get("checkoutRequestId").asText());
    assertThat(stk.merchantRequestId()).isEqualTo(expect.get("merchantRequestId").asText());
    assertThat(stk.resultCode().code()).isEqualTo(expect.get("resultCode").asText());
    assertThat(stk.payment().isPresent()).isEqualTo(expect.get("hasMetadata").asBoolean());
    assertThat(stk.rawJson()).isEqualTo(payload);
    if (stk.payment().isPresent()) {
      StkPayment paid = stk.payment().get();
      assertThat(paid.amount().toPlainString()).isEqualTo(expect.get("amount").asText());
      assertThat(paid.mpesaReceiptNumber()).isEqualTo(expect.get("receipt").asText());
      assertThat(paid.phoneNumber()).isEqualTo(expect.get("phone").asText());
      assertThat(paid.msisdn())
          .hasValueSatisfying(m -> assertThat(m.value()).isEqualTo(expect.get("phone").asText()));
      assertThat(paid.transactionDate().format(COMPACT))
          .isEqualTo(expect.get("transactionDate").asText());
      assertThat(expect.get("balance").isNull()).isTrue();
      assertThat(paid.balance()).isEmpty();
      assertThat(stk.isPaid()).isTrue();
    } else {
      assertThat(stk.isPaid()).isFalse();
    }
  }

  private static void c2b(String payload, JsonNode expect) {
    assertThat(expect.fieldNames())
        .toIterable()
        .isSubsetOf(
            "transId",
            "transTime",
            "amount",
            "billRef",
            "shortCode",
            "msisdn",
            "firstName",
            "orgAccountBalance");
    C2bConfirmation c2b = (C2bConfirmation) DarajaCallbacks.parse(payload);
    assertThat(DarajaCallbacks.parseC2bConfirmation(payload)).isEqualTo(c2b);
    assertThat(c2b.transId()).isEqualTo(expect.get("transId").asText());
    assertThat(c2b.transTime().format(COMPACT)).isEqualTo(expect.get("transTime").asText());
    assertThat(c2b.transAmount().toPlainString()).isEqualTo(expect.get("amount").asText());
    assertThat(c2b.billRefNumber()).isEqualTo(expect.get("billRef").asText());
    assertThat(c2b.businessShortCode()).isEqualTo(expect.get("shortCode").asText());
    assertThat(c2b.sender()).isInstanceOf(C2bSender.Masked.class);
    assertThat(c2b.sender().text()).isEqualTo(expect.get("msisdn").asText());
    assertThat(c2b.firstName()).isEqualTo(expect.get("firstName").asText());
    assertThat(c2b.orgAccountBalance())
        .hasValueSatisfying(
            b -> assertThat(b.toPlainString()).isEqualTo(expect.get("orgAccountBalance").asText()));
  }

  private static void b2c(String payload, JsonNode expect) {
    assertThat(expect.fieldNames())
        .toIterable()
        .isSubsetOf(
            "resultType",
            "resultCode",
            "originatorConversationId",
            "conversationId",
            "transactionId",
            "params");
    B2cResult result = (B2cResult) DarajaCallbacks.parse(payload);
    assertThat(result.resultType()).isEqualTo(expect.get("resultType").asText());
    assertThat(result.resultCode().code()).isEqualTo(expect.get("resultCode").asText());
    assertThat(result.originatorConversationId())
        .isEqualTo(expect.get("originatorConversationId").asText());
    assertThat(result.conversationId()).isEqualTo(expect.get("conversationId").asText());
    assertThat(result.transactionId()).isEqualTo(expect.get("transactionId").asText());
    Map<String, String> params = new LinkedHashMap<>();
    expect
        .get("params")
        .fields()
        .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
    assertThat(result.parameters()).containsExactlyEntriesOf(params);
  }

  private static void refused(String payload, String saying) {
    DarajaCallbackParseException e =
        catchThrowableOfType(
            DarajaCallbackParseException.class, () -> DarajaCallbacks.parse(payload));
    assertThat(e).as("parse() must refuse a non-callback").isNotNull();
    assertThat(e.getMessage()).contains(saying).contains("not a callback");
    assertThat(e.rawBody()).isEqualTo(payload);
    assertThatThrownBy(() -> DarajaCallbacks.parseStkCallback(payload))
        .isInstanceOf(DarajaCallbackParseException.class);
  }
}
