package io.github.darajakit.emulator.reversal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reversal (REFERENCE §11): gives a customer payment (STK or C2B) back exactly once, from the
 * receiving organisation's Utility account. Anything else is {@code R000002} and moves nothing.
 */
class ReversalTest {

  static final String REVERSAL = "/mpesa/reversal/v1/request";
  static final String JOHN = Requests.TEST_MSISDN;
  static final String UTILITY = "Utility Account";
  static final String INVALID = "The OriginalTransactionID is invalid.";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);

  ObjectNode reversal(String receipt, long amount, String receiverParty) {
    return Requests.reversal(h.credential(), receipt, amount, receiverParty, h.url("/rev/result"));
  }

  /** Sends a reversal expected to fail; checks it moved nothing and reversed nothing. */
  JsonNode refused(ObjectNode body) {
    Map<String, BigDecimal> before = world.snapshot();
    List<JsonNode> ledgerBefore = world.transactions();
    JsonNode result = steps.initiator(REVERSAL, body).result();
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.transactions()).isEqualTo(ledgerBefore);
    assertThat(result.path("TransactionID").asText()).matches("[A-Z][A-L][0-9A-Z]0000000");
    assertThat(result.has("ResultParameters")).isFalse();
    JsonNode reference = result.path("ReferenceData").path("ReferenceItem");
    assertThat(reference.path("Key").asText()).isEqualTo("QueueTimeoutURL");
    return result;
  }

  static void assertStringCode(JsonNode result, String code, String desc) {
    assertThat(result.path("ResultCode").isTextual()).isTrue();
    assertThat(result.path("ResultCode").asText()).isEqualTo(code);
    assertThat(result.path("ResultDesc").asText()).isEqualTo(desc);
  }

  static Map<String, JsonNode> parameters(JsonNode result) {
    Map<String, JsonNode> byKey = new HashMap<>();
    result
        .path("ResultParameters")
        .path("ResultParameter")
        .forEach(item -> byKey.put(item.path("Key").asText(), item.path("Value")));
    return byKey;
  }

  @Test
  void reversingAnStkPaymentGivesTheMoneyBackWithTheDocumentedResult() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);
    assertThat(world.customer(JOHN)).isEqualByComparingTo("249990.00");
    assertThat(world.account("174379", UTILITY)).isEqualByComparingTo("10.00");

    Reply ack = h.daraja().post(REVERSAL, reversal(paid.receipt(), 10, "174379"));
    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    assertThat(ack.text("ResponseDescription"))
        .isEqualTo("Accept the service request successfully.");
    CallbackReceiver.Received received =
        h.receiver()
            .awaitOne(
                "/rev/result",
                b ->
                    b.path("Result")
                        .path("ConversationID")
                        .asText()
                        .equals(ack.text("ConversationID")));
    JsonNode result = received.body().path("Result");

    assertThat(result.path("ResultType").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isZero();
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The service request is processed successfully.");
    assertThat(result.path("ConversationID").asText()).isEqualTo(ack.text("ConversationID"));
    String reversalReceipt = result.path("TransactionID").asText();
    assertThat(reversalReceipt).matches("[A-Z][A-L][0-9A-Z]{8}").isNotEqualTo(paid.receipt());
    Map<String, JsonNode> p = parameters(result);
    assertThat(p)
        .containsOnlyKeys(
            "DebitAccountBalance",
            "Amount",
            "TransCompletedTime",
            "OriginalTransactionID",
            "Charge",
            "CreditPartyPublicName",
            "DebitPartyPublicName");
    assertThat(p.get("DebitAccountBalance").asText())
        .isEqualTo("Utility Account|KES|0.00|0.00|0.00|0.00");
    assertThat(p.get("Amount").isNumber()).isTrue();
    assertThat(p.get("Amount").decimalValue()).isEqualByComparingTo("10");
    assertThat(received.raw()).contains("{\"Key\":\"Amount\",\"Value\":10.00}");
    assertThat(p.get("TransCompletedTime").isIntegralNumber()).isTrue();
    assertThat(p.get("TransCompletedTime").asText()).matches("20\\d{12}");
    assertThat(p.get("OriginalTransactionID").asText()).isEqualTo(paid.receipt());
    assertThat(p.get("Charge").isNumber()).isTrue();
    assertThat(p.get("Charge").decimalValue()).isEqualByComparingTo("0");
    assertThat(p.get("CreditPartyPublicName").asText()).isEqualTo("254708374149 - JOHN DOE");
    assertThat(p.get("DebitPartyPublicName").asText()).isEqualTo("174379 - Safaricom Daraja LNM");
    JsonNode reference = result.path("ReferenceData").path("ReferenceItem");
    assertThat(reference.isObject()).isTrue();
    assertThat(reference.path("Value").asText())
        .isEqualTo("https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit");

    assertThat(world.customer(JOHN)).isEqualByComparingTo("250000.00");
    assertThat(world.account("174379", UTILITY)).isEqualByComparingTo("0.00");
    JsonNode original = world.transaction(paid.receipt());
    assertThat(original.path("status").asText()).isEqualTo("reversed");
    assertThat(original.path("reversedBy").asText()).isEqualTo(reversalReceipt);
    JsonNode entry = world.transaction(reversalReceipt);
    assertThat(entry.path("kind").asText()).isEqualTo("reversal");
    assertThat(entry.path("originalReceipt").asText()).isEqualTo(paid.receipt());
    assertThat(entry.path("amount").asText()).isEqualTo("10.00");
  }

  @Test
  void reversingAC2bPaymentGivesTheMoneyBack() {
    String receipt = steps.c2b(JOHN, "600992", 500);
    assertThat(world.customer(JOHN)).isEqualByComparingTo("249500.00");
    assertThat(world.account("600992", UTILITY)).isEqualByComparingTo("10000500.00");

    JsonNode result = steps.succeeded(REVERSAL, reversal(receipt, 500, "600992")).result();

    assertThat(world.customer(JOHN)).isEqualByComparingTo("250000.00");
    assertThat(world.account("600992", UTILITY)).isEqualByComparingTo("10000000.00");
    assertThat(world.account("600992", "Working Account")).isEqualByComparingTo("1000000.00");
    Map<String, JsonNode> p = parameters(result);
    assertThat(p.get("OriginalTransactionID").asText()).isEqualTo(receipt);
    assertThat(p.get("DebitPartyPublicName").asText()).isEqualTo("600992 - Safaricom Daraja 992");
    assertThat(p.get("DebitAccountBalance").asText())
        .isEqualTo("Utility Account|KES|10000000.00|10000000.00|0.00|0.00");
  }

  @Test
  void secondReversalOfTheSameReceiptGivesR000001AndMovesNothing() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);
    steps.succeeded(REVERSAL, reversal(paid.receipt(), 10, "174379"));
    Map<String, BigDecimal> afterFirst = world.snapshot();

    JsonNode second = steps.initiator(REVERSAL, reversal(paid.receipt(), 10, "174379")).result();

    assertStringCode(second, "R000001", "The transaction has already been reversed");
    assertThat(world.snapshot()).isEqualTo(afterFirst);
    assertThat(world.transactionsOf("174379")).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NLJ7RT61SV", "SKE0000000"})
  void unknownReceiptGivesR000002(String receipt) {
    steps.stk(JOHN, 10);

    assertStringCode(refused(reversal(receipt, 10, "174379")), "R000002", INVALID);
  }

  @Test
  void b2cPaymentCannotBeReversed() {
    String receipt =
        steps
            .succeeded(
                "/mpesa/b2c/v3/paymentrequest",
                Requests.b2c(
                    "reverse-b2c",
                    h.credential(),
                    100,
                    JOHN,
                    h.url("/b2c/result"),
                    h.url("/b2c/timeout")))
            .transactionId();

    assertStringCode(refused(reversal(receipt, 100, "600992")), "R000002", INVALID);
  }

  @Test
  void b2bPaymentCannotBeReversed() {
    String receipt =
        steps
            .succeeded(
                "/mpesa/b2b/v1/paymentrequest",
                Requests.b2b(
                    "BusinessPayBill", h.credential(), 100, "600000", h.url("/b2b/result")))
            .transactionId();

    assertStringCode(refused(reversal(receipt, 100, "600000")), "R000002", INVALID);
  }

  @Test
  void aReversalCannotItselfBeReversed() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);
    String reversalReceipt =
        steps.succeeded(REVERSAL, reversal(paid.receipt(), 10, "174379")).transactionId();

    assertStringCode(refused(reversal(reversalReceipt, 10, "174379")), "R000002", INVALID);
  }

  @Test
  void wrongReceiverPartyGivesR000002() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);

    assertStringCode(refused(reversal(paid.receipt(), 10, "600992")), "R000002", INVALID);
  }

  @ParameterizedTest(name = "KES {0}")
  @ValueSource(longs = {9, 11, 100})
  void amountOtherThanTheOriginalGivesR000002(long amount) {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);

    assertStringCode(refused(reversal(paid.receipt(), amount, "174379")), "R000002", INVALID);
  }

  @Test
  void reversalThatTheReceiverCannotFundGivesResultCode1AndCanBeRetriedLater() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);
    world.setAccount("174379", "UTILITY", "5.00");

    JsonNode result = refused(reversal(paid.receipt(), 10, "174379"));

    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isEqualTo(1);
    world.setAccount("174379", "UTILITY", "10.00");
    steps.succeeded(REVERSAL, reversal(paid.receipt(), 10, "174379"));
    assertThat(world.customer(JOHN)).isEqualByComparingTo("250000.00");
  }

  @Test
  void wrongPasswordGives2001AndReversesNothing() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);
    ObjectNode body =
        reversal(paid.receipt(), 10, "174379")
            .put("SecurityCredential", h.emulator().securityCredential("wrong"));

    JsonNode result = refused(body);

    assertThat(result.path("ResultCode").asInt()).isEqualTo(2001);
  }

  @Test
  void legacyReceiverIdentifierType4IsAccepted() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);

    steps.succeeded(
        REVERSAL, reversal(paid.receipt(), 10, "174379").put("RecieverIdentifierType", "4"));

    assertThat(world.customer(JOHN)).isEqualByComparingTo("250000.00");
  }

  @ParameterizedTest(name = "RecieverIdentifierType {0}")
  @ValueSource(strings = {"2", "1", "04", ""})
  void otherReceiverIdentifierTypesAreRejectedSynchronously(String type) {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);

    assertInvalid(
        reversal(paid.receipt(), 10, "174379").put("RecieverIdentifierType", type),
        "RecieverIdentifierType");
    assertThat(world.transaction(paid.receipt()).path("status").asText()).isEqualTo("completed");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Initiator",
        "SecurityCredential",
        "CommandID",
        "TransactionID",
        "Amount",
        "ReceiverParty",
        "RecieverIdentifierType",
        "ResultURL",
        "QueueTimeOutURL",
        "Remarks"
      })
  void missingRequiredFieldIsNamedAndNothingIsReversed(String field) {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);
    ObjectNode body = reversal(paid.receipt(), 10, "174379");
    body.remove(field);

    assertInvalid(body, field);
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "CommandID     | Reversal",
        "Amount        | 10.5",
        "ReceiverParty | 2547O8",
        "Remarks       | x",
        "ResultURL     | not-a-url",
      })
  void malformedFieldIsNamedAndNothingIsReversed(String field, String value) {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);

    assertInvalid(reversal(paid.receipt(), 10, "174379").put(field, value), field);
  }

  void assertInvalid(ObjectNode body, String field) {
    Map<String, BigDecimal> before = world.snapshot();

    Reply reply = h.daraja().post(REVERSAL, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorCode")).isEqualTo("400.002.02");
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid " + field);
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.deliveries("result")).isEmpty();
  }
}
