package io.github.darajakit.emulator.b2b;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Business Pay Bill, Business Buy Goods and B2C account top-up (REFERENCE §7.1, §7.2): the payer's
 * Working account pays the receiver's Utility account; success Results use strings and arrays,
 * failures numbers and a single-object {@code BOCompletedTime}.
 */
class BusinessPaymentTest {

  static final String B2B = "/mpesa/b2b/v1/paymentrequest";
  static final String WORKING = "Working Account";
  static final String UTILITY = "Utility Account";
  static final String B2B_QUEUE =
      "https://internalsandbox.safaricom.co.ke/mpesa/b2bresults/v1/submit";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);

  ObjectNode b2b(String commandId, long amount, String partyB) {
    return Requests.b2b(commandId, h.credential(), amount, partyB, h.url("/b2b/result"));
  }

  /** Sends a payment expected to fail; checks that nothing changed and the failure's shape. */
  JsonNode failed(ObjectNode body) {
    Map<String, BigDecimal> before = world.snapshot();
    JsonNode result = steps.initiator(B2B, body).result();
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.transactions()).isEmpty();
    assertFailureShape(result);
    return result;
  }

  static void assertFailureShape(JsonNode result) {
    assertThat(result.path("ResultType").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultType").asInt()).isZero();
    assertThat(result.path("TransactionID").asText()).matches("[A-Z][A-L][0-9A-Z]0000000");
    JsonNode parameter = result.path("ResultParameters").path("ResultParameter");
    assertThat(parameter.isObject()).as("single-object ResultParameter").isTrue();
    assertThat(parameter.path("Key").asText()).isEqualTo("BOCompletedTime");
    assertThat(parameter.path("Value").isIntegralNumber()).isTrue();
    assertThat(parameter.path("Value").asText()).matches("20\\d{12}");
    JsonNode reference = result.path("ReferenceData").path("ReferenceItem");
    assertThat(reference.isObject()).isTrue();
    assertThat(reference.path("Key").asText()).isEqualTo("QueueTimeoutURL");
    assertThat(reference.path("Value").asText()).isEqualTo(B2B_QUEUE);
  }

  static List<String> keys(JsonNode items) {
    List<String> keys = new ArrayList<>();
    items.forEach(item -> keys.add(item.path("Key").asText()));
    return keys;
  }

  static JsonNode item(JsonNode items, String key) {
    for (JsonNode item : items) {
      if (item.path("Key").asText().equals(key)) {
        return item;
      }
    }
    throw new AssertionError("no item " + key + " in " + items);
  }

  @Test
  void payBillAcknowledgementHasGatewayAssignedIds() {
    Reply ack = h.daraja().post(B2B, b2b("BusinessPayBill", 190, "600000"));

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    assertThat(ack.text("ResponseDescription"))
        .isEqualTo("Accept the service request successfully.");
    assertThat(ack.text("OriginatorConversationID"))
        .matches("[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\d{7,}");
    assertThat(ack.text("ConversationID")).matches("AG_\\d{8}_[0-9a-f]{20}");
  }

  @Test
  void payBillResultHasStringCodesAndEveryDocumentedParameter() {
    Reply ack = h.daraja().post(B2B, b2b("BusinessPayBill", 190, "600000"));
    JsonNode result = steps.awaitResult(h.url("/b2b/result"), ack);

    assertThat(result.path("ResultType").isTextual()).isTrue();
    assertThat(result.path("ResultType").asText()).isEqualTo("0");
    assertThat(result.path("ResultCode").isTextual()).isTrue();
    assertThat(result.path("ResultCode").asText()).isEqualTo("0");
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The service request is processed successfully");
    assertThat(result.path("OriginatorConversationID").asText())
        .isEqualTo(ack.text("OriginatorConversationID"));
    assertThat(result.path("TransactionID").asText()).matches("[A-Z][A-L][0-9A-Z]{8}");

    JsonNode parameters = result.path("ResultParameters").path("ResultParameter");
    assertThat(parameters.isArray()).isTrue();
    assertThat(keys(parameters))
        .containsExactly(
            "DebitAccountBalance",
            "Amount",
            "DebitPartyAffectedAccountBalance",
            "TransCompletedTime",
            "DebitPartyCharges",
            "ReceiverPartyPublicName",
            "Currency",
            "InitiatorAccountCurrentBalance");
    parameters.forEach(
        p -> assertThat(p.path("Value").isTextual()).as(p.path("Key").asText()).isTrue());
    String balance = "{Amount={CurrencyCode=KES, MinimumAmount=99981000, BasicAmount=999810.00}}";
    assertThat(item(parameters, "DebitAccountBalance").path("Value").asText()).isEqualTo(balance);
    assertThat(item(parameters, "InitiatorAccountCurrentBalance").path("Value").asText())
        .isEqualTo(balance);
    assertThat(item(parameters, "Amount").path("Value").asText()).isEqualTo("190.00");
    assertThat(item(parameters, "DebitPartyAffectedAccountBalance").path("Value").asText())
        .isEqualTo("Working Account|KES|999810.00|999810.00|0.00|0.00");
    assertThat(item(parameters, "TransCompletedTime").path("Value").asText()).matches("20\\d{12}");
    assertThat(item(parameters, "DebitPartyCharges").path("Value").asText()).isEmpty();
    assertThat(item(parameters, "ReceiverPartyPublicName").path("Value").asText())
        .isEqualTo("600000 - Safaricom Daraja 000");
    assertThat(item(parameters, "Currency").path("Value").asText()).isEqualTo("KES");

    JsonNode references = result.path("ReferenceData").path("ReferenceItem");
    assertThat(references.isArray()).isTrue();
    assertThat(keys(references))
        .containsExactly("BillReferenceNumber", "QueueTimeoutURL", "Occassion");
    assertThat(item(references, "BillReferenceNumber").path("Value").asText()).isEqualTo("353353");
    assertThat(item(references, "QueueTimeoutURL").path("Value").asText()).isEqualTo(B2B_QUEUE);
    assertThat(item(references, "Occassion").has("Value")).isFalse();
  }

  @Test
  void payBillMovesMoneyFromPayerWorkingToReceiverUtility() {
    String receipt = steps.succeeded(B2B, b2b("BusinessPayBill", 190, "600000")).transactionId();

    assertThat(world.account("600992", WORKING)).isEqualByComparingTo("999810.00");
    assertThat(world.account("600992", UTILITY)).isEqualByComparingTo("10000000.00");
    assertThat(world.account("600000", UTILITY)).isEqualByComparingTo("10000190.00");
    assertThat(world.account("600000", WORKING)).isEqualByComparingTo("1000000.00");
    JsonNode entry = world.transaction(receipt);
    assertThat(entry.path("kind").asText()).isEqualTo("b2b_pay_bill");
    assertThat(entry.path("debitAccount").asText()).isEqualTo(WORKING);
    assertThat(entry.path("creditAccount").asText()).isEqualTo(UTILITY);
    assertThat(entry.path("billReference").asText()).isEqualTo("353353");
  }

  @ParameterizedTest(name = "RecieverIdentifierType {0}")
  @ValueSource(strings = {"2", "4"})
  void buyGoodsPaysATillWithEitherReceiverIdentifierType(String receiverType) {
    ObjectNode body =
        b2b("BusinessBuyGoods", 300, "600501").put("RecieverIdentifierType", receiverType);
    body.remove("AccountReference");

    JsonNode result = steps.succeeded(B2B, body).result();

    assertThat(result.path("ResultCode").asText()).isEqualTo("0");
    JsonNode parameters = result.path("ResultParameters").path("ResultParameter");
    assertThat(item(parameters, "ReceiverPartyPublicName").path("Value").asText())
        .isEqualTo("600501 - Daraja Demo Till");
    JsonNode references = result.path("ReferenceData").path("ReferenceItem");
    assertThat(keys(references)).containsExactly("QueueTimeoutURL", "Occassion");
    assertThat(world.account("600501", UTILITY)).isEqualByComparingTo("300.00");
    assertThat(world.account("600992", WORKING)).isEqualByComparingTo("999700.00");
    assertThat(world.transaction(result.path("TransactionID").asText()).path("kind").asText())
        .isEqualTo("b2b_buy_goods");
  }

  @Test
  void buyGoodsCanPayTheStoreItself() {
    steps.succeeded(B2B, b2b("BusinessBuyGoods", 40, "600500").put("RecieverIdentifierType", "2"));

    assertThat(world.account("600500", UTILITY)).isEqualByComparingTo("40.00");
  }

  @Test
  void topUpMovesWorkingMoneyIntoAB2cUtilityAccountThatCanThenPayOut() {
    JsonNode topUp = steps.succeeded(B2B, b2b("BusinessPayToBulk", 1000, "600100")).result();

    assertThat(keys(topUp.path("ReferenceData").path("ReferenceItem")))
        .containsExactly("QueueTimeoutURL", "Occassion");
    assertThat(world.account("600992", WORKING)).isEqualByComparingTo("999000.00");
    assertThat(world.account("600100", UTILITY)).isEqualByComparingTo("1100.00");
    assertThat(world.account("600100", WORKING)).isEqualByComparingTo("100.00");
    assertThat(world.transaction(topUp.path("TransactionID").asText()).path("kind").asText())
        .isEqualTo("b2c_top_up");

    ObjectNode payout =
        Requests.b2c(
                "after-top-up",
                h.credential(),
                1000,
                Requests.TEST_MSISDN,
                h.url("/b2c/result"),
                h.url("/b2c/timeout"))
            .put("PartyA", "600100");
    steps.succeeded("/mpesa/b2c/v3/paymentrequest", payout);
    assertThat(world.account("600100", UTILITY)).isEqualByComparingTo("100.00");
  }

  @Test
  void payBillToATillIsAnInvalidReceiver() {
    JsonNode result = failed(b2b("BusinessPayBill", 100, "600501"));

    assertThat(result.path("ResultCode").isTextual()).isTrue();
    assertThat(result.path("ResultCode").asText()).isEqualTo("SFC_IC0003");
    assertThat(result.path("ResultDesc").asText()).isEqualTo("Receiver party is invalid");
  }

  @Test
  void buyGoodsToAPayBillIsAnInvalidReceiver() {
    JsonNode result =
        failed(b2b("BusinessBuyGoods", 100, "600000").put("RecieverIdentifierType", "2"));

    assertThat(result.path("ResultCode").asText()).isEqualTo("SFC_IC0003");
  }

  @Test
  void topUpToATillIsAnInvalidReceiver() {
    assertThat(failed(b2b("BusinessPayToBulk", 100, "600501")).path("ResultCode").asText())
        .isEqualTo("SFC_IC0003");
  }

  @Test
  void unknownReceiverIsAnInvalidReceiver() {
    JsonNode result = failed(b2b("BusinessPayBill", 100, "999999"));

    assertThat(result.path("ResultCode").asText()).isEqualTo("SFC_IC0003");
    assertThat(result.path("ResultDesc").asText()).isEqualTo("Receiver party is invalid");
  }

  @Test
  void insufficientWorkingBalanceGivesNumericResultCode1() {
    JsonNode result = failed(b2b("BusinessPayBill", 101, "600000").put("PartyA", "600100"));

    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isEqualTo(1);
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The balance is insufficient for the transaction.");
  }

  @Test
  void utilityMoneyDoesNotPayABusinessPayment() {
    world.setAccount("600992", "WORKING", "50.00");

    JsonNode result = failed(b2b("BusinessPayBill", 100, "600000"));

    assertThat(result.path("ResultCode").asInt()).isEqualTo(1);
    assertThat(world.account("600992", UTILITY)).isEqualByComparingTo("10000000.00");
  }

  @Test
  void paymentOfExactlyTheWorkingBalanceEmptiesIt() {
    steps.succeeded(B2B, b2b("BusinessPayBill", 100, "600000").put("PartyA", "600100"));

    assertThat(world.account("600100", WORKING)).isEqualByComparingTo("0.00");
  }

  @Test
  void unknownPayerGivesResultCode2028() {
    JsonNode result = failed(b2b("BusinessPayBill", 100, "600000").put("PartyA", "123456"));

    assertThat(result.path("ResultCode").asInt()).isEqualTo(2028);
  }

  @Test
  void wrongPasswordGivesNumeric2001WithTheB2bFailureShape() {
    ObjectNode body = b2b("BusinessPayBill", 100, "600000");
    body.put("SecurityCredential", h.emulator().securityCredential("wrong"));

    JsonNode result = failed(body);

    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isEqualTo(2001);
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The initiator information is invalid.");
  }
}
