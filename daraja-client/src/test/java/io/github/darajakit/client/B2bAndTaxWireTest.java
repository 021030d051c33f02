package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.b2b.B2bPaymentRequest;
import io.github.darajakit.client.b2b.B2bReceiverType;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.tax.TaxRemittanceRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the B2B and tax services put on the wire, misspelled keys included. */
class B2bAndTaxWireTest {

  private final B2bService b2b = new B2bService(OfflineContexts.sandbox());

  private static B2bPaymentRequest.Builder request() {
    return B2bPaymentRequest.builder()
        .partyB("600000")
        .amount(239)
        .accountReference("353353")
        .remarks("OK")
        .resultUrl("https://shop.example.com/b2b/result")
        .queueTimeOutUrl("https://shop.example.com/b2b/queue");
  }

  @Test
  void payBillBodyMatchesDarajaIncludingTheMisspelledKeys() {
    Transport.Call call =
        b2b.payBillCall(request().requester("0708374149").occasion("Stock").build());
    assertThat(call.path()).isEqualTo("/mpesa/b2b/v1/paymentrequest");
    assertThat(call.kind()).isEqualTo(Transport.Kind.MONEY);
    assertThat(call.operation()).isEqualTo("b2b.payBill");
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"Initiator\":\"testapi\",\"SecurityCredential\":\""
                + OfflineContexts.CREDENTIAL
                + "\",\"CommandID\":\"BusinessPayBill\",\"SenderIdentifierType\":\"4\","
                + "\"RecieverIdentifierType\":\"4\",\"Amount\":239,\"PartyA\":\"600992\","
                + "\"PartyB\":\"600000\",\"AccountReference\":\"353353\","
                + "\"Requester\":\"254708374149\",\"Remarks\":\"OK\","
                + "\"QueueTimeOutURL\":\"https://shop.example.com/b2b/queue\","
                + "\"ResultURL\":\"https://shop.example.com/b2b/result\",\"Occassion\":\"Stock\"}");
    assertThat(call.identifiers())
        .containsExactly(
            Map.entry("commandId", "BusinessPayBill"),
            Map.entry("partyA", "600992"),
            Map.entry("partyB", "600000"),
            Map.entry("amount", "239"),
            Map.entry("accountReference", "353353"));
  }

  @Test
  void payBillNeedsAnAccountReference() {
    assertThatThrownBy(() -> b2b.payBillCall(request().accountReference(null).build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> assertThat(e.field()).isEqualTo("accountReference"))
        .hasMessageContaining("is required for Pay Bill");
  }

  @Test
  void buyGoodsSendsShortcodeReceiverByDefaultAndTillWhenChosen() {
    Transport.Call byDefault = b2b.buyGoodsCall(request().partyB("600501").build());
    assertThat(byDefault.body().get("CommandID").textValue()).isEqualTo("BusinessBuyGoods");
    assertThat(byDefault.body().get("RecieverIdentifierType").textValue()).isEqualTo("4");
    assertThat(byDefault.body().has("ReceiverIdentifierType")).isFalse();

    Transport.Call till =
        b2b.buyGoodsCall(
            request()
                .partyB("600501")
                .accountReference(null)
                .receiverType(B2bReceiverType.TILL)
                .build());
    assertThat(till.body().get("RecieverIdentifierType").textValue()).isEqualTo("2");
    assertThat(till.body().has("AccountReference")).isFalse();
    assertThat(till.body().has("Requester")).isFalse();
    assertThat(till.body().has("Occassion")).isFalse();
    assertThat(till.identifiers()).doesNotContainKey("accountReference");
  }

  @Test
  void tillReceiverIsOnlyForBuyGoods() {
    B2bPaymentRequest till = request().receiverType(B2bReceiverType.TILL).build();
    assertThatThrownBy(() -> b2b.payBillCall(till))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("receiverType"));
    assertThatThrownBy(() -> b2b.topUpB2cCall(till))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("receiverType"))
        .hasMessageContaining("a B2C top-up pays a shortcode");
  }

  @Test
  void topUpSendsBusinessPayToBulk() {
    Transport.Call call = b2b.topUpB2cCall(request().partyA("600979").build());
    assertThat(call.operation()).isEqualTo("b2b.topUpB2c");
    assertThat(call.body().get("CommandID").textValue()).isEqualTo("BusinessPayToBulk");
    assertThat(call.body().get("PartyA").textValue()).isEqualTo("600979");
    assertThat(call.identifiers()).containsEntry("partyA", "600979");
  }

  @Test
  void productionRefusesHttpUrlsForB2b() {
    assertThatThrownBy(
            () ->
                new B2bService(OfflineContexts.production())
                    .payBillCall(request().resultUrl("http://shop.example.com/r").build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("resultUrl"));
  }

  @Test
  void taxBodyPaysKraWithThePrnAsAccountReference() {
    Transport.Call call =
        new TaxService(OfflineContexts.sandbox())
            .remitCall(
                TaxRemittanceRequest.builder()
                    .prn("PRN1234XN")
                    .amount(239)
                    .remarks("VAT")
                    .resultUrl("https://shop.example.com/tax/result")
                    .queueTimeOutUrl("https://shop.example.com/tax/queue")
                    .build());
    assertThat(call.path()).isEqualTo("/mpesa/b2b/v1/remittax");
    assertThat(call.kind()).isEqualTo(Transport.Kind.MONEY);
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"Initiator\":\"testapi\",\"SecurityCredential\":\""
                + OfflineContexts.CREDENTIAL
                + "\",\"CommandID\":\"PayTaxToKRA\",\"SenderIdentifierType\":\"4\","
                + "\"RecieverIdentifierType\":\"4\",\"Amount\":239,\"PartyA\":\"600992\","
                + "\"PartyB\":\"572572\",\"AccountReference\":\"PRN1234XN\",\"Remarks\":\"VAT\","
                + "\"QueueTimeOutURL\":\"https://shop.example.com/tax/queue\","
                + "\"ResultURL\":\"https://shop.example.com/tax/result\"}");
    assertThat(call.identifiers())
        .containsExactly(
            Map.entry("partyA", "600992"),
            Map.entry("amount", "239"),
            Map.entry("prn", "PRN1234XN"));
  }
}
