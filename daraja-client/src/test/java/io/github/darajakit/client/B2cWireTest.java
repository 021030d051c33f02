package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.b2c.B2cCommand;
import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.support.Payouts;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the B2C service puts on the wire: exact keys (misspellings included), types, identifiers.
 */
class B2cWireTest {

  private static B2cPaymentRequest.Builder request() {
    return Payouts.sample();
  }

  @Test
  void v3BodyHasDarajaKeysInOrderWithAGeneratedOriginatorConversationId() {
    Transport.Call call =
        new B2cService(OfflineContexts.sandbox())
            .payCall(request().commandId(B2cCommand.SALARY_PAYMENT).occasion("March").build());

    String id = call.body().get("OriginatorConversationID").textValue();
    assertThat(UUID.fromString(id)).hasToString(id);
    assertThat(call.path()).isEqualTo("/mpesa/b2c/v3/paymentrequest");
    assertThat(call.kind()).isEqualTo(Transport.Kind.MONEY);
    assertThat(call.operation()).isEqualTo("b2c.pay");
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"OriginatorConversationID\":\""
                + id
                + "\",\"InitiatorName\":\"testapi\",\"SecurityCredential\":\""
                + OfflineContexts.CREDENTIAL
                + "\",\"CommandID\":\"SalaryPayment\",\"Amount\":1500,\"PartyA\":\"600992\","
                + "\"PartyB\":\"254708374149\",\"Remarks\":\"March salary\","
                + "\"QueueTimeOutURL\":\"https://shop.example.com/b2c/timeout\","
                + "\"ResultURL\":\"https://shop.example.com/b2c/result\",\"Occassion\":\"March\"}");
    assertThat(call.identifiers())
        .containsExactly(
            java.util.Map.entry("originatorConversationId", id),
            java.util.Map.entry("phone", "2547****4149"),
            java.util.Map.entry("amount", "1500"),
            java.util.Map.entry("commandId", "SalaryPayment"),
            java.util.Map.entry("partyA", "600992"));
  }

  @Test
  void everyV3PaymentGetsItsOwnOriginatorConversationId() {
    B2cService service = new B2cService(OfflineContexts.sandbox());
    B2cPaymentRequest same = request().build();
    String first = service.payCall(same).identifiers().get("originatorConversationId");
    String second = service.payCall(same).identifiers().get("originatorConversationId");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void suppliedOriginatorConversationIdAndPartyAAreSentAsGiven() {
    Transport.Call call =
        new B2cService(OfflineContexts.sandbox())
            .payCall(request().originatorConversationId("payout-42").partyA("600997").build());
    assertThat(call.body().get("OriginatorConversationID").textValue()).isEqualTo("payout-42");
    assertThat(call.body().get("PartyA").textValue()).isEqualTo("600997");
    assertThat(call.body().get("CommandID").textValue()).isEqualTo("BusinessPayment");
    assertThat(call.body().has("Occassion")).isFalse();
    assertThat(call.body().has("Occasion")).isFalse();
    assertThat(call.identifiers())
        .containsEntry("originatorConversationId", "payout-42")
        .containsEntry("partyA", "600997");
  }

  @Test
  void v1BodyHasNoOriginatorConversationId() {
    Transport.Call call =
        new B2cService(OfflineContexts.sandbox())
            .payV1Call(request().commandId(B2cCommand.PROMOTION_PAYMENT).build());
    assertThat(call.path()).isEqualTo("/mpesa/b2c/v1/paymentrequest");
    assertThat(call.kind()).isEqualTo(Transport.Kind.MONEY);
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"InitiatorName\":\"testapi\",\"SecurityCredential\":\""
                + OfflineContexts.CREDENTIAL
                + "\",\"CommandID\":\"PromotionPayment\",\"Amount\":1500,\"PartyA\":\"600992\","
                + "\"PartyB\":\"254708374149\",\"Remarks\":\"March salary\","
                + "\"QueueTimeOutURL\":\"https://shop.example.com/b2c/timeout\","
                + "\"ResultURL\":\"https://shop.example.com/b2c/result\"}");
    assertThat(call.identifiers()).doesNotContainKey("originatorConversationId");
    assertThat(call.identifiers()).containsEntry("phone", "2547****4149");
  }

  @Test
  void v1RefusesAnOriginatorConversationIdItCannotSend() {
    assertThatThrownBy(
            () ->
                new B2cService(OfflineContexts.sandbox())
                    .payV1Call(request().originatorConversationId("payout-42").build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> assertThat(e.field()).isEqualTo("originatorConversationId"))
        .hasMessageContaining("use pay() (v3)");
  }

  @Test
  void pochiSendsBusinessPayToPochiToItsOwnPath() {
    Transport.Call call =
        new B2cService(OfflineContexts.sandbox()).payToPochiCall(request().build());
    assertThat(call.path()).isEqualTo("/mpesa/b2pochi/v1/paymentrequest");
    assertThat(call.operation()).isEqualTo("b2c.payToPochi");
    assertThat(call.body().get("CommandID").textValue()).isEqualTo("BusinessPayToPochi");
    assertThat(call.body().get("OriginatorConversationID").textValue()).isNotBlank();
    assertThat(call.identifiers()).containsEntry("commandId", "BusinessPayToPochi");
  }

  @Test
  void pochiRefusesAChosenCommand() {
    assertThatThrownBy(
            () ->
                new B2cService(OfflineContexts.sandbox())
                    .payToPochiCall(request().commandId(B2cCommand.SALARY_PAYMENT).build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("commandId"))
        .hasMessageContaining("always sends BusinessPayToPochi");
  }

  @Test
  void productionRefusesHttpResultUrls() {
    B2cService service = new B2cService(OfflineContexts.production());
    assertThatThrownBy(
            () -> service.payCall(request().resultUrl("http://shop.example.com/r").build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("resultUrl"))
        .hasMessageContaining("must use https in production");
    assertThatThrownBy(
            () -> service.payCall(request().queueTimeOutUrl("http://shop.example.com/t").build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> assertThat(e.field()).isEqualTo("queueTimeOutUrl"));
  }

  @Test
  void missingShortcodeOrInitiatorIsAClearErrorBeforeSending() {
    B2cService service = new B2cService(OfflineContexts.bare());
    assertThatThrownBy(() -> service.payCall(request().build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("partyA"));
    assertThatThrownBy(() -> service.payCall(request().partyA("600992").build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("initiatorName"))
        .hasMessageContaining("DarajaClient.builder().initiator(name, password)");
  }

  @Test
  void acknowledgementFallsBackToTheKnownOriginatorConversationId() throws Exception {
    InitiatorAcknowledgement ack =
        InitiatorCalls.acknowledgement(
            Json.parse(
                "{\"ConversationID\":\"AG_20240706_20106e9209f64bebd05b\",\"ResponseCode\":\"0\","
                    + "\"ResponseDescription\":\"Accept the service request successfully.\"}"),
            "raw",
            "payout-42");
    assertThat(ack)
        .isEqualTo(
            new InitiatorAcknowledgement(
                "AG_20240706_20106e9209f64bebd05b",
                "payout-42",
                "0",
                "Accept the service request successfully.",
                "raw"));
    assertThat(ack.accepted()).isTrue();
  }
}
