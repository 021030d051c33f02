package io.github.darajakit.emulator.stk;

import static io.github.darajakit.emulator.stk.Stk.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StkPushTest {

  private static final String STORE = "600500";
  private static final String TILL = "600501";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private final Stk stk = new Stk(h);

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

  @Test
  void buyGoodsPushFromStoreCreditsItsTill() {
    String storeBefore = stk.utilityBalance(STORE);

    String checkoutRequestId = stk.accepted(buyGoods(TILL, 25));

    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").isNumber()).isTrue();
    assertThat(callback.path("ResultCode").asInt()).isZero();
    String receipt = callback.path("CallbackMetadata").path("Item").get(1).path("Value").asText();
    assertThat(stk.utilityBalance(TILL)).isEqualTo("25.00");
    assertThat(stk.utilityBalance(STORE)).isEqualTo(storeBefore);
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249975.00");
    JsonNode transaction = h.daraja().adminGet("transactions/" + receipt);
    assertThat(transaction.path("kind").asText()).isEqualTo("stk_buy_goods");
    assertThat(transaction.path("creditParty").asText()).startsWith(TILL + " - ");
    assertThat(transaction.path("creditAccount").asText()).isEqualTo("Utility Account");
  }

  @Test
  void buyGoodsPushToTillOfAnotherStoreFailsWithOperatorDoesNotExistAsString() {
    Reply created =
        h.daraja()
            .admin(
                "POST",
                "organisations",
                "{\"shortCode\":\"600701\",\"name\":\"Other Till\",\"type\":\"buy_goods\","
                    + "\"headOffice\":\"600700\"}");
    assertThat(created.status()).isEqualTo(201);

    String checkoutRequestId = stk.accepted(buyGoods("600701", 25));

    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").isTextual()).isTrue();
    assertThat(callback.path("ResultCode").asText()).isEqualTo("SFC_IC0003");
    assertThat(callback.path("ResultDesc").asText()).isEqualTo("The operator does not exist.");
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
    assertThat(stk.utilityBalance("600701")).isEqualTo("0.00");
    assertThat(stk.transactions()).isEmpty();
    Reply query = stk.queryAs(STORE, checkoutRequestId);
    assertThat(query.text("ResultCode")).isEqualTo("SFC_IC0003");
  }

  @Test
  void buyGoodsPushToPayBillFailsWithOperatorDoesNotExist() {
    String checkoutRequestId = stk.accepted(buyGoods("600992", 25));

    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").asText()).isEqualTo("SFC_IC0003");
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
  }

  @Test
  void payBillTransactionTypeFromBuyGoodsStoreIsNotPermittedByProductAssignment() {
    ObjectNode body = buyGoods("600992", 25);
    body.put("TransactionType", "CustomerPayBillOnline");

    String checkoutRequestId = stk.accepted(body);

    JsonNode callback = stk.awaitCallback(checkoutRequestId);
    assertThat(callback.path("ResultCode").asInt()).isEqualTo(2028);
    assertThat(callback.path("ResultDesc").asText())
        .isEqualTo("The request is not permitted according to product assignment.");
    assertThat(callback.has("CallbackMetadata")).isFalse();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
    assertThat(stk.transactions()).isEmpty();
  }

  @Test
  void secondPushWhilePendingIsRejectedWithSubscriberLock() {
    stk.settings("{\"stk\":{\"manualMode\":true}}");
    String first = stk.accepted(Requests.TEST_MSISDN, 10);

    Reply second = stk.push(stk.pushBody(Requests.TEST_MSISDN, 20));

    assertError(
        second,
        500,
        "500.001.1001",
        "Unable to lock subscriber, a transaction is already in process for the current"
            + " subscriber");
    JsonNode prompts = stk.prompts();
    assertThat(prompts).hasSize(1);
    assertThat(prompts.get(0).path("checkoutRequestId").asText()).isEqualTo(first);
    assertThat(prompts.get(0).path("status").asText()).isEqualTo("pending");
  }

  @Test
  void subscriberLockIsPerPhoneNumber() {
    stk.settings("{\"stk\":{\"manualMode\":true}}");
    stk.accepted(Requests.TEST_MSISDN, 10);

    String other = stk.accepted("254711000111", 10);

    assertThat(stk.pendingPrompts()).hasSize(2);
    assertThat(other).endsWith("711000111");
  }

  @Test
  void subscriberLockIsReleasedOnceThePromptIsDecided() {
    String first = stk.accepted(Requests.TEST_MSISDN, 10);
    stk.awaitCallback(first);

    String second = stk.accepted(Requests.TEST_MSISDN, 11);

    assertThat(stk.awaitCallback(second).path("ResultCode").asInt()).isZero();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249979.00");
    assertThat(stk.utilityBalance(Requests.STK_SHORTCODE)).isEqualTo("21.00");
  }

  @Test
  void eachPushGetsItsOwnIdsAndExactlyOneCallback() {
    String first = stk.accepted(Requests.TEST_MSISDN, 10);
    stk.awaitCallback(first);
    String second = stk.accepted(Requests.TEST_MSISDN, 11);
    JsonNode secondCallback = stk.awaitCallback(second);

    assertThat(second).isNotEqualTo(first);
    assertThat(stk.callbacksFor(first)).isEqualTo(1);
    assertThat(stk.callbacksFor(second)).isEqualTo(1);
    assertThat(stk.deliveries("stk")).hasSize(2);
    assertThat(secondCallback.path("MerchantRequestID").asText())
        .isNotEqualTo(stk.awaitCallback(first).path("MerchantRequestID").asText());
  }

  @Test
  void resetDropsAScheduledResultWithoutMovingMoneyInTheFreshWorld() {
    // Long enough for the reset to come first even on a cold JVM.
    stk.settings("{\"callbacks\":{\"delay\":\"1s\"}}");
    String dropped = stk.accepted(Requests.TEST_MSISDN, 10);

    assertThat(h.daraja().admin("POST", "reset", null).status()).isEqualTo(200);
    h.daraja().forgetToken();

    // A push after the reset, with the same delay, resolves after the dropped one would have.
    stk.settings("{\"callbacks\":{\"delay\":\"1s\"}}");
    String later = stk.accepted("254711000666", 10);
    assertThat(stk.awaitCallback(later).path("ResultCode").asInt()).isZero();

    assertThat(stk.callbacksFor(dropped)).isZero();
    assertThat(stk.deliveries("stk")).hasSize(1);
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
    assertThat(stk.utilityBalance(Requests.STK_SHORTCODE)).isEqualTo("10.00");
  }

  private static ObjectNode buyGoods(String partyB, long amount) {
    ObjectNode body = Requests.stkPush(Requests.TEST_MSISDN, amount, h.url(Stk.CALLBACK));
    body.put("BusinessShortCode", STORE)
        .put("Password", Requests.password(STORE, Requests.PASSKEY, Requests.TIMESTAMP))
        .put("TransactionType", "CustomerBuyGoodsOnline")
        .put("PartyB", partyB);
    return body;
  }
}
