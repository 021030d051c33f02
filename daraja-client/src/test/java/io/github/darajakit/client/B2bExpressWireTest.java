package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.b2bexpress.B2bExpressCheckoutAcknowledgement;
import io.github.darajakit.client.b2bexpress.B2bExpressCheckoutRequest;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the B2B Express Checkout service validates, puts on the wire and reads, without I/O. */
class B2bExpressWireTest {

  private static B2bExpressCheckoutRequest.Builder request() {
    return B2bExpressCheckoutRequest.builder()
        .primaryShortCode("600501")
        .receiverShortCode("600000")
        .amount(2500)
        .paymentRef("INV-1042")
        .partnerName("Acme Supplies")
        .callbackUrl("https://shop.example.com/daraja/b2b-express");
  }

  private static B2bExpressCheckoutAcknowledgement read(int status, String raw) throws Exception {
    B2bExpressCheckoutRequest request = request().requestRefId("ref-1").build();
    Transport.Call call = new B2bExpressService(OfflineContexts.sandbox()).pushCall(request);
    return B2bExpressService.acknowledgement(
        request.requestRefId(), call, new Transport.Answer(status, Json.parse(raw), raw));
  }

  @Test
  void bodyHasThePortalsCamelCaseKeysAndRequestRefIdInItsOwnSpelling() {
    Transport.Call call =
        new B2bExpressService(OfflineContexts.sandbox())
            .pushCall(
                request()
                    .requestRefId("550e8400-e29b-41d4-a716-446655440000")
                    .callbackToken("inv-1042")
                    .build());

    assertThat(call.path()).isEqualTo("/v1/ussdpush/get-msisdn");
    assertThat(call.kind()).isEqualTo(Transport.Kind.MONEY);
    assertThat(call.operation()).isEqualTo("b2bExpress.push");
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"primaryShortCode\":\"600501\",\"receiverShortCode\":\"600000\","
                + "\"amount\":\"2500\",\"paymentRef\":\"INV-1042\","
                + "\"callbackUrl\":\"https://shop.example.com/daraja/b2b-express/inv-1042\","
                + "\"partnerName\":\"Acme Supplies\","
                + "\"RequestRefID\":\"550e8400-e29b-41d4-a716-446655440000\"}");
    assertThat(call.identifiers())
        .containsExactly(
            Map.entry("requestRefId", "550e8400-e29b-41d4-a716-446655440000"),
            Map.entry("callbackToken", "inv-1042"),
            Map.entry("primaryShortCode", "600501"),
            Map.entry("receiverShortCode", "600000"),
            Map.entry("amount", "2500"),
            Map.entry("paymentRef", "INV-1042"));
  }

  @Test
  void aRequestWithoutRequestRefIdGetsAFreshUuidThatTheWireAndTheIdsCarry() {
    B2bExpressCheckoutRequest first = request().build();
    B2bExpressCheckoutRequest second = request().build();

    assertThat(UUID.fromString(first.requestRefId()).toString()).isEqualTo(first.requestRefId());
    assertThat(first.requestRefId()).isNotEqualTo(second.requestRefId());
    Transport.Call call = new B2bExpressService(OfflineContexts.sandbox()).pushCall(first);
    assertThat(call.body().get("RequestRefID").textValue()).isEqualTo(first.requestRefId());
    assertThat(call.identifiers()).containsEntry("requestRefId", first.requestRefId());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "primaryShortCode  | 6005",
        "primaryShortCode  | 6005O1",
        "receiverShortCode | 1234567890",
        "receiverShortCode | 600501",
        "amount            | 0",
        "amount            | 250001",
        "paymentRef        | ''",
        "paymentRef        | 123456789012345678901",
        "partnerName       | ''",
        "partnerName       | 123456789012345678901234567890123456789012345678901",
        "requestRefId      | has space",
        "requestRefId      | 12345678901234567890123456789012345678901234567890123456789012345",
        "callbackToken     | a/b",
      })
  void anInvalidFieldIsNamedBeforeAnythingIsSent(String field, String value) {
    B2bExpressCheckoutRequest.Builder builder = request();
    switch (field) {
      case "primaryShortCode" -> builder.primaryShortCode(value);
      case "receiverShortCode" -> builder.receiverShortCode(value);
      case "amount" -> builder.amount(Long.parseLong(value));
      case "paymentRef" -> builder.paymentRef(value);
      case "partnerName" -> builder.partnerName(value);
      case "requestRefId" -> builder.requestRefId(value);
      case "callbackToken" -> builder.callbackToken(value);
      default -> throw new AssertionError(field);
    }
    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void theLimitsThemselvesAreAccepted() {
    B2bExpressCheckoutRequest request =
        request()
            .amount(B2bExpressCheckoutRequest.MAX_AMOUNT)
            .paymentRef("x".repeat(B2bExpressCheckoutRequest.MAX_PAYMENT_REF))
            .partnerName("y".repeat(B2bExpressCheckoutRequest.MAX_PARTNER_NAME))
            .build();
    assertThat(request.amount()).isEqualTo(250_000);
    assertThat(request().amount(1).build().amount()).isEqualTo(1);
  }

  @Test
  void productionRefusesAPlainHttpCallbackBeforeSending() {
    B2bExpressService service = new B2bExpressService(OfflineContexts.production());
    assertThatThrownBy(
            () -> service.pushCall(request().callbackUrl("http://shop.example.com/b2b").build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("callbackUrl"));
  }

  @Test
  void thePortalsAcknowledgementIsAccepted() throws Exception {
    String raw = "{ \"code\": \"0\", \"status\": \"USSD Initiated Successfully\" }";
    B2bExpressCheckoutAcknowledgement ack = read(200, raw);
    assertThat(ack.code()).isEqualTo("0");
    assertThat(ack.status()).isEqualTo("USSD Initiated Successfully");
    assertThat(ack.requestRefId()).isEqualTo("ref-1");
    assertThat(ack.rawJson()).isEqualTo(raw);
  }

  @Test
  void aNumericZeroCodeIsAcceptedToo() throws Exception {
    assertThat(read(200, "{\"code\":0,\"status\":\"USSD Initiated Successfully\"}").code())
        .isEqualTo("0");
  }

  @Test
  void anotherCodeIsARefusalCarryingIt() {
    String raw = "{\"code\":\"4104\",\"status\":\"Missing Nominated Number\"}";
    assertThatThrownBy(() -> read(200, raw))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("4104");
              assertThat(e.errorMessage()).isEqualTo("Missing Nominated Number");
            });
  }

  @Test
  void anErrorEnvelopeInA200IsARefusal() {
    String raw =
        "{\"requestId\":\"r-1\",\"errorCode\":\"400.002.02\","
            + "\"errorMessage\":\"Bad Request - Invalid amount\"}";
    assertThatThrownBy(() -> read(200, raw))
        .isInstanceOfSatisfying(
            DarajaApiException.class, e -> assertThat(e.errorCode()).isEqualTo("400.002.02"));
  }

  @Test
  void anAnswerWithoutACodeLeavesTheOutcomeUnknownWithTheRequestsIds() {
    assertThatThrownBy(() -> read(200, "{\"status\":\"ok\"}"))
        .isInstanceOfSatisfying(
            DarajaOutcomeUnknownException.class,
            e -> {
              assertThat(e.requestRefId().orElseThrow()).isEqualTo("ref-1");
              assertThat(e.identifiers().get("paymentRef")).isEqualTo("INV-1042");
            });
  }
}
