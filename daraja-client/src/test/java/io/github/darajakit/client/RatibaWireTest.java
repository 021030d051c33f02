package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.ratiba.StandingOrderAcknowledgement;
import io.github.darajakit.client.ratiba.StandingOrderFrequency;
import io.github.darajakit.client.ratiba.StandingOrderRequest;
import io.github.darajakit.client.ratiba.StandingOrderType;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Ratiba service puts on the wire and how it reads the answer, without I/O. */
class RatibaWireTest {

  private static StandingOrderRequest.Builder request() {
    return StandingOrderRequest.builder()
        .name("Rent flat 4B")
        .startDate(LocalDate.of(2026, 11, 1))
        .endDate(LocalDate.of(2027, 10, 31))
        .frequency(StandingOrderFrequency.DAILY)
        .amount(4500)
        .phone("0708374149")
        .accountReference("FLAT-4B")
        .description("Rent")
        .callbackUrl("https://shop.example.com/daraja/ratiba");
  }

  private static Transport.Answer answer(int status, String raw) throws Exception {
    return new Transport.Answer(status, Json.parse(raw), raw);
  }

  private static StandingOrderAcknowledgement read(String raw) throws Exception {
    Transport.Call call =
        new RatibaService(OfflineContexts.sandbox()).createCall(request().build());
    return RatibaService.acknowledgement(call, answer(200, raw));
  }

  @Test
  void bodyHasRatibasKeysInOrderWithAmountAndFrequencyAsStrings() {
    Transport.Call call =
        new RatibaService(OfflineContexts.sandbox())
            .createCall(request().callbackToken("so-4b-2026").build());

    assertThat(call.path()).isEqualTo("/standingorder/v1/createStandingOrderExternal");
    assertThat(call.kind()).isEqualTo(Transport.Kind.MONEY);
    assertThat(call.operation()).isEqualTo("ratiba.create");
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"StandingOrderName\":\"Rent flat 4B\",\"StartDate\":\"20261101\","
                + "\"EndDate\":\"20271031\",\"BusinessShortCode\":\"600992\","
                + "\"TransactionType\":\"Standing Order Customer Pay Bill\","
                + "\"ReceiverPartyIdentifierType\":\"4\",\"Amount\":\"4500\","
                + "\"PartyA\":\"254708374149\","
                + "\"CallBackURL\":\"https://shop.example.com/daraja/ratiba/so-4b-2026\","
                + "\"AccountReference\":\"FLAT-4B\",\"TransactionDesc\":\"Rent\","
                + "\"Frequency\":\"2\"}");
    assertThat(call.identifiers())
        .containsExactly(
            Map.entry("callbackToken", "so-4b-2026"),
            Map.entry("standingOrderName", "Rent flat 4B"),
            Map.entry("businessShortCode", "600992"),
            Map.entry("phone", "2547****4149"),
            Map.entry("amount", "4500"),
            Map.entry("accountReference", "FLAT-4B"));
  }

  @Test
  void buyGoodsSendsTheMisspelledTypeIdentifierTwoAndTheTillAsShortCode() {
    Transport.Call call =
        new RatibaService(OfflineContexts.sandbox())
            .createCall(
                request()
                    .type(StandingOrderType.BUY_GOODS)
                    .shortCode("5143219")
                    .frequency(StandingOrderFrequency.YEARLY)
                    .build());
    assertThat(call.body().get("TransactionType").textValue())
        .isEqualTo("Standing Order Customer Pay Marchant");
    assertThat(call.body().get("ReceiverPartyIdentifierType").textValue()).isEqualTo("2");
    assertThat(call.body().get("BusinessShortCode").textValue()).isEqualTo("5143219");
    assertThat(call.body().get("Frequency").textValue()).isEqualTo("8");
    assertThat(call.identifiers())
        .doesNotContainKey("callbackToken")
        .containsEntry("businessShortCode", "5143219");
  }

  @Test
  void productionRefusesAPlainHttpCallbackBeforeSending() {
    RatibaService ratiba = new RatibaService(OfflineContexts.production());
    assertThatThrownBy(
            () -> ratiba.createCall(request().callbackUrl("http://shop.example.com/r").build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("callbackUrl"));
  }

  @Test
  void withoutAShortcodeAnywhereTheShortcodeIsNamed() {
    RatibaService ratiba = new RatibaService(OfflineContexts.bare());
    assertThatThrownBy(() -> ratiba.create(request().build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("shortCode"));
  }

  @Test
  void thePortalsAcknowledgementIsAccepted() throws Exception {
    String raw =
        """
        { "ResponseHeader": { "responseRefID": "4dd9b5d9-d738-42ba-9326-2cc99e966000",
            "responseCode": "200", "responseDescription": "Request accepted for processing",
            "ResultDesc": "The service request is processed successfully." },
          "ResponseBody": { "responseDescription": "Request accepted for processing",
            "responseCode": "200" } }
        """;
    StandingOrderAcknowledgement ack = read(raw);
    assertThat(ack.accepted()).isTrue();
    assertThat(ack.responseRefId()).isEqualTo("4dd9b5d9-d738-42ba-9326-2cc99e966000");
    assertThat(ack.responseCode()).isEqualTo("200");
    assertThat(ack.responseDescription()).isEqualTo("Request accepted for processing");
    assertThat(ack.resultDescription()).isEqualTo("The service request is processed successfully.");
    assertThat(ack.rawJson()).isEqualTo(raw);
  }

  @Test
  void anAcknowledgementInCamelCaseWithANumberCodeIsAccepted() throws Exception {
    StandingOrderAcknowledgement ack =
        read(
            "{\"responseHeader\":{\"responseRefId\":\"r-1\",\"responseCode\":200,"
                + "\"responseDescription\":\"Request accepted for processing\"}}");
    assertThat(ack.accepted()).isTrue();
    assertThat(ack.responseRefId()).isEqualTo("r-1");
    assertThat(ack.resultDescription()).isEmpty();
  }

  @Test
  void aResponseCodeOtherThan200IsAnApiErrorCarryingIt() {
    for (String code : new String[] {"401", "500"}) {
      String raw =
          "{\"ResponseHeader\":{\"responseRefID\":\"r-9\",\"responseCode\":\""
              + code
              + "\",\"responseDescription\":\"System failure\"}}";
      assertThatThrownBy(() -> read(raw))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(code);
                assertThat(e.errorMessage()).isEqualTo("System failure");
                assertThat(e.requestId()).isEqualTo("r-9");
                assertThat(e.httpStatus()).isEqualTo(200);
                assertThat(e.rawBody()).isEqualTo(raw);
              });
    }
  }

  @Test
  void theClassicErrorEnvelopeIsAnApiError() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"requestId\":\"1c5b-4ba8\",\"errorCode\":\"400.002.02\","
                        + "\"errorMessage\":\"Bad Request - Invalid Amount\"}"))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("400.002.02");
              assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid Amount");
              assertThat(e.requestId()).isEqualTo("1c5b-4ba8");
            });
  }

  @Test
  void anAnswerThatSaysNeitherYesNorNoIsAnUnknownOutcome() {
    for (String raw :
        new String[] {"{}", "{\"ResponseHeader\":{\"responseRefID\":\"r\"}}", "{\"ok\":true}"}) {
      assertThatThrownBy(() -> read(raw))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("ratiba.create");
                assertThat(e.standingOrderName().orElseThrow()).isEqualTo("Rent flat 4B");
              });
    }
  }
}
