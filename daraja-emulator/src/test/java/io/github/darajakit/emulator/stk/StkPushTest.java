package io.github.darajakit.emulator.stk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StkPushTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  @Test
  void successfulPushMovesMoneyAndSendsTheDocumentedCallback() {
    String customerBefore = h.daraja().adminGet("customers/254708374149").path("balance").asText();
    Reply ack =
        h.daraja()
            .post(
                "/mpesa/stkpush/v1/processrequest",
                Requests.stkPush(Requests.TEST_MSISDN, 10, h.url("/stk")));

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    assertThat(ack.text("ResponseDescription"))
        .isEqualTo("Success. Request accepted for processing");
    assertThat(ack.text("CustomerMessage")).isEqualTo("Success. Request accepted for processing");
    String checkoutRequestId = ack.text("CheckoutRequestID");
    assertThat(checkoutRequestId).matches("ws_CO_\\d{14}\\d{3}708374149");

    CallbackReceiver.Received callback = h.receiver().awaitOne("/stk");
    JsonNode stk = callback.body().path("Body").path("stkCallback");
    assertThat(stk.path("CheckoutRequestID").asText()).isEqualTo(checkoutRequestId);
    assertThat(stk.path("MerchantRequestID").asText()).isEqualTo(ack.text("MerchantRequestID"));
    assertThat(stk.path("ResultCode").isNumber()).isTrue();
    assertThat(stk.path("ResultCode").asInt()).isZero();
    assertThat(stk.path("ResultDesc").asText())
        .isEqualTo("The service request is processed successfully.");
    JsonNode items = stk.path("CallbackMetadata").path("Item");
    assertThat(items.get(0).path("Name").asText()).isEqualTo("Amount");
    assertThat(items.get(0).path("Value").decimalValue()).isEqualByComparingTo("10");
    assertThat(callback.raw()).contains("\"Value\":10.00");
    String receipt = items.get(1).path("Value").asText();
    assertThat(items.get(1).path("Name").asText()).isEqualTo("MpesaReceiptNumber");
    assertThat(receipt).matches("[A-Z][A-L][0-9A-Z]{8}");
    assertThat(items.get(2).path("Name").asText()).isEqualTo("Balance");
    assertThat(items.get(2).has("Value")).isFalse();
    assertThat(items.get(3).path("Name").asText()).isEqualTo("TransactionDate");
    assertThat(items.get(3).path("Value").isIntegralNumber()).isTrue();
    assertThat(items.get(3).path("Value").asText()).hasSize(14);
    assertThat(items.get(4).path("Value").asLong()).isEqualTo(254708374149L);

    assertThat(customerBefore).isEqualTo("250000.00");
    assertThat(h.daraja().adminGet("customers/254708374149").path("balance").asText())
        .isEqualTo("249990.00");
    assertThat(h.daraja().adminGet("transactions/" + receipt).path("amount").asText())
        .isEqualTo("10.00");

    Reply query =
        h.daraja().post("/mpesa/stkpushquery/v1/query", Requests.stkQuery(checkoutRequestId));
    assertThat(query.status()).isEqualTo(200);
    assertThat(query.json().path("ResultCode").isTextual()).isTrue();
    assertThat(query.text("ResultCode")).isEqualTo("0");
    assertThat(query.text("ResultDesc")).isEqualTo(stk.path("ResultDesc").asText());
  }
}
